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
 * What makes two requests "the same request" for a key: method, path, `If-Match` and the body's
 * exact bytes (a retry sends the same bytes), hashed so that the store holds no personal data
 * from the body. The bytes are hashed as they came, never parsed: the body is at most 16 KiB by
 * now (larger ones are refused first), and hashing is linear in it, whatever JSON it holds.
 */
export function fingerprintOf(
  event: Pick<APIGatewayProxyEvent, 'httpMethod' | 'path' | 'body' | 'isBase64Encoded' | 'headers'>,
): string {
  // JSON escapes every newline, so the line break ends the head unambiguously.
  const head = JSON.stringify([event.httpMethod, event.path, headerOf(event, HEADER.ifMatch)?.trim() ?? null]);
  return createHash('sha256')
    .update(`${head}\n`)
    .update(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8')
    .digest('base64url');
}
