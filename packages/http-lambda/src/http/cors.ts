import type { APIGatewayProxyEvent } from 'aws-lambda';

import { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS, CORS_MAX_AGE_SECONDS } from '../contract/cors';
import { headerOf, HEADER } from './headers';
import { methodsOf, resourceOf } from './route-match';
import type { HttpResponse } from './responses';
import type { HttpSettings } from '../settings/runtime-settings';

type CorsSettings = Pick<HttpSettings, 'corsAllowedOrigins'>;

/** The caller's `Origin`, if configuration allows it (`*` allows any). */
export function allowedOriginOf(
  event: Pick<APIGatewayProxyEvent, 'headers'>,
  settings: CorsSettings,
): string | undefined {
  const origin = headerOf(event, 'origin');
  if (origin === undefined || origin === '') return undefined;
  const allowed = settings.corsAllowedOrigins;
  return allowed.includes('*') || allowed.includes(origin) ? origin : undefined;
}

/**
 * The CORS headers of an ordinary response: the allowed origin echoed (never `*`, so the
 * answer is right whoever asks) and `Vary: Origin` so caches keep answers apart.
 */
export function corsHeadersOf(
  event: Pick<APIGatewayProxyEvent, 'headers'>,
  settings: CorsSettings,
): Record<string, string> {
  // No origin allowed: nothing to echo, and no answer that varies by Origin.
  if (settings.corsAllowedOrigins.length === 0) return {};
  const origin = allowedOriginOf(event, settings);
  const vary = { [HEADER.vary]: 'Origin' };
  if (origin === undefined) return settings.corsAllowedOrigins.length > 0 ? vary : {};
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
  settings: CorsSettings,
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
