import { randomUUID } from 'node:crypto';

import type { APIGatewayProxyEvent } from 'aws-lambda';

import { headerOf } from './headers';

// A client's id is echoed into headers and logs, so it must be short and harmless.
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * The id that ties a response to its log lines: API Gateway's own request id (it matches the
 * access logs), else a sane incoming `X-Request-Id`, else a fresh one.
 */
export function requestIdOf(
  event: Partial<Pick<APIGatewayProxyEvent, 'headers' | 'requestContext'>> | undefined,
): string {
  const gatewayId = event?.requestContext?.requestId;
  if (typeof gatewayId === 'string' && SANE_REQUEST_ID.test(gatewayId)) return gatewayId;
  const incoming = event?.headers ? headerOf({ headers: event.headers }, 'x-request-id') : undefined;
  if (incoming !== undefined && SANE_REQUEST_ID.test(incoming)) return incoming;
  return randomUUID();
}
