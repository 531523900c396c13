import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { Container, type ContainerModule, type Newable } from 'inversify';

import { POST_RESPONSE_QUEUE } from '../http/after-response';
import type { RouteHandler } from '../http/api-request';
import { HttpPipeline } from '../http/pipeline';

/** An API Gateway (REST, proxy) handler: what a Lambda function exports. */
export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** A container on the given modules; handlers and the pipeline are `@injectable`, built on first request (autobind). */
export function containerOf(...modules: ContainerModule[]): Container {
  const container = new Container({ autobind: true, defaultScope: 'Singleton' });
  container.loadSync(...modules);
  return container;
}

/**
 * The proxy handler of one route: the shared pipeline around the route's handler, and the
 * signal that its response is ready for whoever runs the work deferred until after it.
 */
export function proxyHandlerOf(container: Container, handlerClass: Newable<RouteHandler>): ProxyHandler {
  const pipeline = container.get(HttpPipeline);
  const handler = container.get(handlerClass);
  const afterResponse = container.get(POST_RESPONSE_QUEUE);
  return async (event, context) => {
    try {
      return await pipeline.handle(event, context, handler);
    } finally {
      await afterResponse.responded(context.awsRequestId);
    }
  };
}
