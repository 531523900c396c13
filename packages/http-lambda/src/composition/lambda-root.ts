import 'reflect-metadata';

import type { Newable } from 'inversify';

import { LAMBDA_INIT_KEY } from '../contract/lambda-init';
import { PostResponseQueue } from '../http/after-response';
import type { RouteHandler } from '../http/api-request';
import { createLogger } from '../logging/logger';
import { startAfterResponseExtension } from './after-response-extension';
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
  const logger = createLogger(env.logLevel);
  const afterResponse = new PostResponseQueue();
  const adapters = { ...awsAdapters(env, logger), afterResponse };
  const extension = env.runtimeApi
    ? startAfterResponseExtension({ runtimeApi: env.runtimeApi, queue: afterResponse, logger })
    : Promise.resolve(false);
  // Registration must land during init: the bundle's footer (LAMBDA_INIT_FOOTER) awaits it there.
  (globalThis as Record<symbol, unknown>)[Symbol.for(LAMBDA_INIT_KEY)] = extension;
  // The settings read starts during init, so its round trip overlaps the rest of the cold start;
  // the first request awaits the same read (single-flight). A failure is not reported here: the
  // first request that needs the settings reads again and answers 503 if it fails too.
  adapters.config.get().catch(() => undefined);
  const handler = proxyHandlerOf(createContainer(portsModule(adapters)), handlerClass);
  // Whoever drains is settled before an invocation runs (already so, when init awaited it).
  return async (event, context) => {
    await extension;
    return handler(event, context);
  };
}
