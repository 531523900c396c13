import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { Container, type ContainerModule, type Newable } from 'inversify';

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

/** The proxy handler of one route: the shared pipeline around the route's handler. */
export function proxyHandlerOf(container: Container, handlerClass: Newable<RouteHandler>): ProxyHandler {
  const pipeline = container.get(HttpPipeline);
  const handler = container.get(handlerClass);
  return (event, context) => pipeline.handle(event, context, handler);
}
