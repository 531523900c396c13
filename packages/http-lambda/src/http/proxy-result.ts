import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

import { SECURITY_HEADERS } from '../contract/security-headers';
import { corsHeadersOf } from './cors';
import { HEADER } from './headers';
import type { HttpResponse } from './responses';
import type { HttpSettings } from '../settings/runtime-settings';

/**
 * What API Gateway gets back: the response plus the headers every response carries, the
 * request id and the security headers always and, given the request, CORS (an allowed origin
 * only with the settings). The one place they are added, so no answer, problem or not, lacks them.
 */
export function toProxyResult(
  response: HttpResponse,
  requestId: string,
  cors?: { event: Pick<APIGatewayProxyEvent, 'headers'>; settings?: Pick<HttpSettings, 'corsAllowedOrigins'> },
): APIGatewayProxyResult {
  return {
    statusCode: response.statusCode,
    headers: {
      ...response.headers,
      ...(cors && corsHeadersOf(cors.event, cors.settings)),
      [HEADER.requestId]: requestId,
      ...SECURITY_HEADERS,
    },
    body: response.body,
  };
}
