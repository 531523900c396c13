import 'reflect-metadata';

import { createLogger } from '../logging/logger';
import { awsPortsModule } from './aws-ports-module';
import { createHttpContainer, proxyHandlerOf, type ProxyHandler } from './http-container';
import { readLambdaEnvironment } from './lambda-environment';
import type { RouteBinding } from './route-binding';

/**
 * The Lambda composition root: called once per function at module load (cold start), so the
 * container, SDK clients and settings cache are shared by every invocation after it. The
 * only place Lambda code reads `process.env`.
 */
export function lambdaHandlerFor(route: RouteBinding): ProxyHandler {
  const env = readLambdaEnvironment(process.env);
  const container = createHttpContainer(awsPortsModule(env, createLogger(env.logLevel)), [route]);
  return proxyHandlerOf(container, route);
}
