import 'reflect-metadata';

import type { Newable } from 'inversify';

import type { RouteHandler } from '../http/api-request';
import { createLogger } from '../logging/logger';
import { awsAdapters } from './aws-adapters';
import { createContainer, proxyHandlerOf, type ProxyHandler } from './container';
import { portsModule } from './ports-module';
import { readLambdaEnvironment } from './lambda-environment';

/**
 * The Lambda composition root: called once per function at module load (cold start), so the
 * container, SDK clients and settings cache are shared by every invocation after it. The
 * only place Lambda code reads `process.env`.
 */
export function lambdaHandlerFor(handlerClass: Newable<RouteHandler>): ProxyHandler {
  const env = readLambdaEnvironment(process.env);
  return proxyHandlerOf(createContainer(portsModule(awsAdapters(env, createLogger(env.logLevel)))), handlerClass);
}
