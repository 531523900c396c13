import 'reflect-metadata';

import type { RuntimeSettings } from '@userprofile/domain';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

import { preflightResponse as preflight } from '../http/cors';
import { HEADER } from '../http/headers';
import { HttpProblem } from '../http/problem';
import { toProxyResult } from '../http/proxy-result';
import { requestIdOf } from '../http/request-id';
import { problemResponse, type HttpResponse } from '../http/responses';
import { createHttpContainer, proxyHandlerOf, type ProxyHandler } from './http-container';
import { portsModule, type PortAdapters } from './ports-module';
import { allRouteBindings } from './route-bindings';

export type { ProxyHandler } from './http-container';

/** What a runtime that builds its own adapters (the local server) hands over. */
export type RouteHandlerDependencies = PortAdapters;

/**
 * The composition root of runtimes that serve every route in one process: one container,
 * and for each route of the table (keyed by `functionName`) the very handler its Lambda
 * function runs. Build it once at start-up, not per request.
 */
export function createRouteHandlers(deps: RouteHandlerDependencies): ReadonlyMap<string, ProxyHandler> {
  const bindings = allRouteBindings();
  const container = createHttpContainer(portsModule(deps), bindings.values());
  return new Map([...bindings].map(([functionName, binding]) => [functionName, proxyHandlerOf(container, binding)]));
}

type EventLike = Partial<Pick<APIGatewayProxyEvent, 'headers' | 'requestContext'>>;
type CorsSettings = Pick<RuntimeSettings, 'corsAllowedOrigins'>;

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
  return toProxyResult(
    response,
    requestIdOf(event),
    headers && settings ? { event: { headers }, settings } : undefined,
  );
}
