/**
 * A typed identifier for a port, so a composition root can bind an implementation to it
 * without the domain depending on any DI library (a symbol is what DI containers accept).
 */
export type PortToken<T> = symbol & { readonly __port?: T };

export const portToken = <T>(name: string): PortToken<T> => Symbol.for(`userprofile.${name}`) as PortToken<T>;

/** The tokens of the ports a constructor takes, in the order of its parameters. */
export type PortTokens<Ports extends readonly unknown[]> = { readonly [K in keyof Ports]: PortToken<Ports[K]> };

/**
 * A class built from ports alone, as every use case is: its static `ports` names their tokens
 * in its constructor's order, so that any composition root can build it from its bindings
 * without a decorator (the domain knows no DI library) or a list kept elsewhere.
 */
export interface BuiltFromPorts<T = unknown, Ports extends readonly unknown[] = never[]> {
  new (...ports: Ports): T;
  readonly ports: PortTokens<Ports>;
}
