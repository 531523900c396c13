import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { aLambdaContext } from '@userprofile/testing';

import { createRouteHandlers } from '../../../src/composition/route-handlers';
import { ROUTES } from '../../../src/routes';

/** What a test reads from a response: status, headers and the parsed body. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown> | undefined;
  readonly raw: APIGatewayProxyResult;
}

/** Sends one event to the function that serves it, in the given invocation's Lambda context. */
export type RouteSender = (event: APIGatewayProxyEvent, context?: Context) => Promise<TestResponse>;

/**
 * Every route's handler on these adapters (the test apps' one builder), behind a `send` that
 * routes an event as API Gateway would (method + resource; a preflight to the resource's
 * function) and parses the answer.
 */
export function routeSender(adapters: Parameters<typeof createRouteHandlers>[0]): RouteSender {
  const handlers = createRouteHandlers(adapters);
  return async (event, context = aLambdaContext()) => {
    const route =
      ROUTES.find((r) => r.path === event.resource && r.method === event.httpMethod) ??
      (event.httpMethod === 'OPTIONS' ? ROUTES.find((r) => r.path === event.resource) : undefined);
    if (!route) throw new Error(`no route serves ${event.httpMethod} ${event.resource}`);
    const raw = await handlers.get(route.functionName)!(event, context);
    return {
      status: raw.statusCode,
      headers: raw.headers as Record<string, string>,
      body: raw.body ? (JSON.parse(raw.body) as Record<string, unknown>) : undefined,
      raw,
    };
  };
}
