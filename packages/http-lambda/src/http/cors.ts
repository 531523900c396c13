import type { APIGatewayProxyEvent } from 'aws-lambda';

import { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS, CORS_MAX_AGE_SECONDS } from '../contract/cors';
import { headerOf, HEADER } from './headers';
import { methodsOf, resourceOf } from './route-match';
import type { HttpResponse } from './responses';
import type { HttpSettings } from '../settings/runtime-settings';

type CorsSettings = Pick<HttpSettings, 'corsAllowedOrigins'>;

const originOf = (event: Pick<APIGatewayProxyEvent, 'headers'>): string | undefined =>
  headerOf(event, 'origin') || undefined;

/**
 * Whether the answer depends on the CORS settings: only when the request names its `Origin`
 * (browsers do; mobile apps, this service's clients, do not), so only then does it wait for them.
 */
export const hasOrigin = (event: Pick<APIGatewayProxyEvent, 'headers'>): boolean => originOf(event) !== undefined;

/** The caller's `Origin`, if configuration allows it (`*` allows any); none without settings. */
export function allowedOriginOf(
  event: Pick<APIGatewayProxyEvent, 'headers'>,
  settings: CorsSettings | undefined,
): string | undefined {
  const origin = originOf(event);
  if (origin === undefined || settings === undefined) return undefined;
  const allowed = settings.corsAllowedOrigins;
  return allowed.includes('*') || allowed.includes(origin) ? origin : undefined;
}

/**
 * The CORS headers of an ordinary response: the allowed origin echoed (never `*`, so the
 * answer is right whoever asks) and `Vary: Origin` so caches keep answers apart. `Vary` is on
 * every answer, whatever the settings: a request without `Origin` is answered without reading
 * them, and a cache must not serve that answer to a browser whose origin is allowed.
 */
export function corsHeadersOf(
  event: Pick<APIGatewayProxyEvent, 'headers'>,
  settings: CorsSettings | undefined,
): Record<string, string> {
  const origin = allowedOriginOf(event, settings);
  const vary = { [HEADER.vary]: 'Origin' };
  if (origin === undefined) return vary;
  return {
    ...vary,
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': CORS_EXPOSED_HEADERS.join(', '),
  };
}

/**
 * The answer to a CORS preflight (`OPTIONS`): 204, and for an allowed origin the methods of
 * that path, the headers a client may send, and how long to cache this. A disallowed origin
 * gets a 204 without CORS headers, which the browser treats as a refusal.
 */
export function preflightResponse(
  event: Pick<APIGatewayProxyEvent, 'headers' | 'path' | 'resource'>,
  settings: CorsSettings | undefined,
): HttpResponse {
  const origin = allowedOriginOf(event, settings);
  if (origin === undefined) return { statusCode: 204, headers: corsHeadersOf(event, settings), body: '' };
  const resource =
    event.resource && methodsOf(event.resource).length > 0 ? event.resource : resourceOf(event.path ?? '');
  const methods = [...(resource ? methodsOf(resource) : []), 'OPTIONS'];
  return {
    statusCode: 204,
    headers: {
      [HEADER.vary]: 'Origin',
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': methods.join(', '),
      'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS.join(', '),
      'Access-Control-Max-Age': String(CORS_MAX_AGE_SECONDS),
    },
    body: '',
  };
}
