import type { BuiltFromPorts } from '@userprofile/domain';
import { ContainerModule, type MapToResolvedValueInjectOptions } from 'inversify';

/**
 * The module that binds a use case to its own class, built by its constructor from the ports
 * its static `ports` names (the domain knows no DI library, so no decorator names them). A
 * Lambda entry names its use case; the runtimes that serve every route bind every one.
 */
export const useCaseModule = <T, Ports extends unknown[]>(UseCase: BuiltFromPorts<T, Ports>): ContainerModule =>
  new ContainerModule(({ bind }) => {
    // A `PortToken` is a symbol, which is what a service identifier is: the tuple maps one to one.
    const ports = [...UseCase.ports] as MapToResolvedValueInjectOptions<Ports>;
    bind(UseCase).toResolvedValue((...args: Ports) => new UseCase(...args), ports);
  });

/** Whether an export of the domain is a use case, i.e. a class that names the ports it is built from. */
export const isBuiltFromPorts = (value: unknown): value is BuiltFromPorts<unknown, unknown[]> =>
  typeof value === 'function' && Array.isArray((value as { readonly ports?: unknown }).ports);
