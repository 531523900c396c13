import type { APIGatewayProxyEvent } from 'aws-lambda';

import { MAX_BODY_BYTES } from '../contract/service';
import { headerOf, MEDIA_TYPE } from './headers';
import { HttpProblem, validationProblem } from './problem';

// application/json or any structured-syntax `+json` type, with parameters; charset, if any, UTF-8.
const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9!#$&^_.-]+\+)?json$/;

/**
 * The body as a JSON object, checked in the order a client can act on: present, at most
 * 16 KiB (413), declared as JSON (415), well-formed JSON (400), an object (400).
 */
export function jsonObjectBodyOf(
  event: Pick<APIGatewayProxyEvent, 'body' | 'headers' | 'isBase64Encoded'>,
): Record<string, unknown> {
  if (event.body === null || event.body === undefined || event.body === '') {
    throw validationProblem('A JSON object body is required.');
  }
  const text = acceptedTextOf(event.body, event);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw validationProblem('The body is not well-formed JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw validationProblem('The body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/**
 * A 413 or 415 for a body that is refused whatever it holds, before anything else is done with
 * it (the idempotency layer hashes and claims only bodies that pass). An absent body is left to
 * the route.
 */
export function assertBodyAcceptable(event: Pick<APIGatewayProxyEvent, 'body' | 'headers' | 'isBase64Encoded'>): void {
  if (event.body !== null && event.body !== undefined && event.body !== '') acceptedTextOf(event.body, event);
}

/** The body's text, once it is at most 16 KiB (413) and declared as JSON (415). */
function acceptedTextOf(body: string, event: Pick<APIGatewayProxyEvent, 'headers' | 'isBase64Encoded'>): string {
  const { text, bytes } = utf8TextOf(body, event.isBase64Encoded);
  if (bytes > MAX_BODY_BYTES) {
    throw new HttpProblem('payload-too-large', `The body may be at most ${MAX_BODY_BYTES} bytes.`);
  }
  assertJsonContentType(headerOf(event, 'content-type'));
  return text;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The body as the UTF-8 text its bytes hold, and how many bytes that is. Decoding replaces a
 * lone surrogate with U+FFFD; a body without surrogates is that text already, so it is only
 * measured, not copied.
 */
function utf8TextOf(body: string, isBase64Encoded: boolean | undefined): { text: string; bytes: number } {
  if (!isBase64Encoded && !SURROGATE.test(body)) return { text: body, bytes: Buffer.byteLength(body, 'utf8') };
  const bytes = isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  return { text: bytes.toString('utf8'), bytes: bytes.length };
}

function assertJsonContentType(contentType: string | undefined): void {
  if (contentType === MEDIA_TYPE.json) return;
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length);
  const utf8 = charset === undefined || ['utf-8', 'utf8', '"utf-8"'].includes(charset);
  if (!JSON_MEDIA_TYPE.test(mediaType) || !utf8) {
    throw new HttpProblem('unsupported-media-type', 'The body must be JSON: send Content-Type: application/json.');
  }
}
