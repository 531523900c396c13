import { createHash } from 'node:crypto';

import type { APIGatewayProxyEvent } from 'aws-lambda';

import { HEADER, headerOf } from '../headers';
import { validationProblem } from '../problem';

/** 1–255 visible ASCII characters (VCHAR), as the IETF draft and Stripe accept them. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The request's `Idempotency-Key`, undefined without one; a malformed key is a 400. */
export function idempotencyKeyOf(event: Pick<APIGatewayProxyEvent, 'headers'>): string | undefined {
  const key = headerOf(event, HEADER.idempotencyKey);
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw validationProblem('The Idempotency-Key header is malformed.', [
      { field: HEADER.idempotencyKey, message: 'must be 1 to 255 visible ASCII characters' },
    ]);
  }
  return key;
}

/**
 * What makes two requests "the same request" for a key: method, path, canonical body (JSON
 * with its keys sorted, so key order and whitespace do not count) and `If-Match`, hashed so
 * that the store holds no personal data from the body.
 */
export function fingerprintOf(
  event: Pick<APIGatewayProxyEvent, 'httpMethod' | 'path' | 'body' | 'isBase64Encoded' | 'headers'>,
): string {
  const parts = [event.httpMethod, event.path, canonicalBody(event), headerOf(event, HEADER.ifMatch)?.trim() ?? null];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

function canonicalBody(event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded'>): string | null {
  if (event.body === null || event.body === undefined || event.body === '') return null;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.stringify(sortedKeys(JSON.parse(text)));
  } catch {
    return `raw:${text}`;
  }
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}
