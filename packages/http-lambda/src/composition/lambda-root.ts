import 'reflect-metadata/lite';

import type { BuiltFromPorts } from '@userprofile/domain';

import type { FunctionName, PartsOf } from '../routes';
import type { RouteHandlerClasses } from '../routes/registry';
import { containerOf, proxyHandlerOf, type ProxyHandler } from './container';
import { httpModule } from './http-module';
import {
  awsClientsModule,
  lambdaEnvironmentModule,
  profileTableModule,
  settingsAndAuditModule,
} from './lambda-modules';
import type { PartModule } from './lambda-parts';
import { useCaseModule } from './use-cases';

/**
 * The Lambda composition root, called once per function at module load (cold start): the
 * modules every function loads, the route's use case (bound from the ports it names) and its
 * parts; then the route's handler is resolved, which builds the graph and starts its remote
 * reads during init. The only place Lambda code reads `process.env`. `useCase` is a class the
 * handler's constructor takes; `parts` are the modules of the row's `parts`, exactly.
 */
export function lambdaHandlerFor<F extends FunctionName, Ports extends unknown[]>(
  functionName: F,
  handlerClass: RouteHandlerClasses[F],
  useCase: BuiltFromPorts<ConstructorParameters<RouteHandlerClasses[F]>[number], Ports>,
  parts: { readonly [P in PartsOf<F>]: PartModule<P> },
): ProxyHandler {
  const partModules = (Object.values(parts) as PartModule<PartsOf<F>>[]).map((part) => part.module);
  const container = containerOf(
    lambdaEnvironmentModule(process.env),
    awsClientsModule,
    settingsAndAuditModule,
    profileTableModule,
    httpModule,
    useCaseModule(useCase),
    ...partModules,
  );
  return proxyHandlerOf(container, handlerClass);
}
