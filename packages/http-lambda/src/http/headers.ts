import type { APIGatewayProxyEvent } from 'aws-lambda';

/** Header names are case-insensitive; API Gateway keeps whatever case the client sent. */
export function headerOf(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

export const HEADER = {
  allow: 'Allow',
  contentType: 'Content-Type',
  etag: 'ETag',
  idempotencyKey: 'Idempotency-Key',
  idempotentReplayed: 'Idempotent-Replayed',
  ifMatch: 'If-Match',
  location: 'Location',
  requestId: 'X-Request-Id',
  retryAfter: 'Retry-After',
  vary: 'Vary',
} as const;

export const MEDIA_TYPE = {
  json: 'application/json',
  problem: 'application/problem+json',
} as const;
