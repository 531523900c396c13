/**
 * A typed identifier for a port, so a composition root can bind an implementation to it
 * without the domain depending on any DI library (a symbol is what DI containers accept).
 */
export type PortToken<T> = symbol & { readonly __port?: T };

export const portToken = <T>(name: string): PortToken<T> => Symbol.for(`userprofile.${name}`) as PortToken<T>;
