import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

import { preflightResponse as preflight } from './cors';
import { HEADER } from './headers';
import { HttpProblem } from './problem';
import { toProxyResult } from './proxy-result';
import { requestIdOf } from './request-id';
import { problemResponse, type HttpResponse } from './responses';
import type { HttpSettings } from '../settings/runtime-settings';

/* What the local server answers where API Gateway would (in AWS the gateway answers these itself),
   in the handlers' own problem format and CORS policy. */

type EventLike = Partial<Pick<APIGatewayProxyEvent, 'headers' | 'requestContext'>>;
type CorsSettings = Pick<HttpSettings, 'corsAllowedOrigins'>;

/**
 * 405 for a known path with a method the route table does not serve there, with `Allow`.
 * (API Gateway answers this itself in AWS; the local server uses this to match.)
 */
export function methodNotAllowedResponse(
  allowed: readonly string[],
  event?: EventLike,
  settings?: CorsSettings,
): APIGatewayProxyResult {
  const problem = new HttpProblem('method-not-allowed', `This path serves ${allowed.join(', ')}.`, {
    headers: { [HEADER.allow]: allowed.join(', ') },
  });
  return finish(problemResponse(problem), event, settings);
}

/** 404 for a path no route serves. */
export function notFoundResponse(event?: EventLike, settings?: CorsSettings): APIGatewayProxyResult {
  return finish(problemResponse(new HttpProblem('not-found', 'No resource lives at this path.')), event, settings);
}

/**
 * The answer to `OPTIONS` on a known path: 204 with the CORS preflight headers for an
 * allowed origin (methods from the route table), and `X-Request-Id`.
 */
export function preflightResponse(
  event: Pick<APIGatewayProxyEvent, 'headers' | 'path' | 'resource'> & EventLike,
  settings: CorsSettings,
): APIGatewayProxyResult {
  return finish(preflight(event, settings), event);
}

function finish(response: HttpResponse, event?: EventLike, settings?: CorsSettings): APIGatewayProxyResult {
  const headers = event?.headers;
  return toProxyResult(response, requestIdOf(event), headers ? { event: { headers }, settings } : undefined);
}
