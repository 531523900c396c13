import type { APIGatewayProxyEvent } from 'aws-lambda';

/** Header names are case-insensitive; API Gateway keeps whatever case the client sent. */
export function headerOf(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  const headers = event.headers;
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  // Own keys in insertion order, as Object.entries gives them, without building its pairs.
  for (const key in headers) {
    if (!Object.hasOwn(headers, key) || key.toLowerCase() !== wanted) continue;
    const value = headers[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

export const HEADER = {
  allow: 'Allow',
  contentDisposition: 'Content-Disposition',
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
