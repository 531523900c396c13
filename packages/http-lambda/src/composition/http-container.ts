import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { Container, type ContainerModule } from 'inversify';

import { HttpPipeline } from '../http/pipeline';
import { httpModule } from './http-module';
import type { RouteBinding } from './route-binding';

/** An API Gateway (REST, proxy) handler: what a Lambda function exports. */
export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** A container with the given port adapters, the shared HTTP bindings and these routes. */
export function createHttpContainer(ports: ContainerModule, routes: Iterable<RouteBinding>): Container {
  const container = new Container();
  const modules = new Set([...routes].map((route) => route.module));
  container.loadSync(ports, httpModule, ...modules);
  return container;
}

/** The proxy handler of one route: the shared pipeline around the route's handler. */
export function proxyHandlerOf(container: Container, route: RouteBinding): ProxyHandler {
  const pipeline = container.get(HttpPipeline);
  const handler = container.get(route.handler);
  return (event, context) => pipeline.handle(event, context, handler);
}
