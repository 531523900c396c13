import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { aLambdaContext } from '@userprofile/testing';

import { createRouteHandlers } from '../../../src/composition/route-handlers';
import { PostResponseQueue } from '../../../src/http/after-response';
import { ROUTES } from '../../../src/routes';

/** What a test reads from a response: status, headers and the parsed body. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown> | undefined;
  readonly raw: APIGatewayProxyResult;
}

/** Sends one event to the function that serves it. */
export type RouteSender = (event: APIGatewayProxyEvent) => Promise<TestResponse>;

/**
 * Every route's handler on these adapters (the test apps' one builder), behind a `send` that
 * routes an event as API Gateway would (method + resource; a preflight to the resource's
 * function) and parses the answer. The work a handler deferred until after its response runs
 * before `send` resolves, as Lambda runs it before the instance takes its next invocation,
 * unless the adapters bring their own queue (a test that drains it when it chooses).
 */
export function routeSender(adapters: Parameters<typeof createRouteHandlers>[0]): RouteSender {
  const afterResponse = adapters.afterResponse ?? new PostResponseQueue({ drainedBy: 'host' });
  const handlers = createRouteHandlers({ ...adapters, afterResponse });
  return async (event) => {
    const route =
      ROUTES.find((r) => r.path === event.resource && r.method === event.httpMethod) ??
      (event.httpMethod === 'OPTIONS' ? ROUTES.find((r) => r.path === event.resource) : undefined);
    if (!route) throw new Error(`no route serves ${event.httpMethod} ${event.resource}`);
    const raw = await handlers.get(route.functionName)!(event, aLambdaContext());
    if (!adapters.afterResponse) await afterResponse.drain();
    return {
      status: raw.statusCode,
      headers: raw.headers as Record<string, string>,
      body: raw.body ? (JSON.parse(raw.body) as Record<string, unknown>) : undefined,
      raw,
    };
  };
}
