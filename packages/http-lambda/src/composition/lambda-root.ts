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
  const adapters = awsAdapters(env, createLogger(env.logLevel));
  // The settings read starts during init, so its round trip overlaps the rest of the cold start;
  // the first request awaits the same read (single-flight). A failure is not reported here: the
  // first request that needs the settings reads again and answers 503 if it fails too.
  adapters.config.get().catch(() => undefined);
  return proxyHandlerOf(createContainer(portsModule(adapters)), handlerClass);
}
