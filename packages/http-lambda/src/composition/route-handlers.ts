import 'reflect-metadata/lite';

import { ROUTE_HANDLERS } from '../routes/handlers';
import { containerOf, proxyHandlerOf, type ProxyHandler } from './container';
import { portsModule, type PortAdapters } from './ports-module';
import * as useCases from './use-cases';

export type { ProxyHandler } from './container';

/**
 * The composition root of runtimes that serve every route in one process (the local server,
 * tests): one container with every use case, and for each function of the route table the
 * very handler its Lambda function runs. Build it once at start-up, not per request.
 */
export function createRouteHandlers(adapters: PortAdapters): ReadonlyMap<string, ProxyHandler> {
  const container = containerOf(portsModule(adapters), ...Object.values(useCases));
  return new Map(Object.entries(ROUTE_HANDLERS).map(([name, handler]) => [name, proxyHandlerOf(container, handler)]));
}
