import type { Newable } from 'inversify';

import type { RouteHandler } from '../http/api-request';
import { folderOf, ROUTES, type FunctionName } from '../routes';

/**
 * The handler class of each function of the route table. Each route's `handler.ts` adds its own
 * entry (declaration merging), so no shared list is edited for a new route, and the checks below
 * do not compile while a row's function has no handler, or a handler names no row's function.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by each handler.ts
export interface RouteHandlerClasses {}

type Unregistered = Exclude<FunctionName, keyof RouteHandlerClasses>;
type Unknown = Exclude<keyof RouteHandlerClasses, FunctionName>;
export const everyFunctionHasItsHandler: [Unregistered, Unknown] extends [never, never]
  ? true
  : { readonly withoutHandler: Unregistered; readonly notInTheTable: Unknown } = true;

/**
 * Every function's handler class, for the runtimes that serve every route in one process (the
 * local server, tests): each from its folder's `handler.ts`, exported as `<FunctionName>Handler`.
 * Lambda entries never call this: each bundle holds its own route's handler only.
 */
export function loadRouteHandlerClasses(): ReadonlyMap<FunctionName, Newable<RouteHandler>> {
  const names = [...new Set(ROUTES.map((route) => route.functionName))];
  return new Map(names.map((name) => [name, handlerClassOf(name)]));
}

const handlerClassOf = (name: FunctionName): Newable<RouteHandler> =>
  classIn<RouteHandler>(name, 'handler', `${name}Handler`);

/** A class a route's folder exports: its handler, or its body/query DTO (named by the row). */
export function classIn<T>(functionName: FunctionName, file: 'handler' | 'body' | 'query', name: string): Newable<T> {
  // The folder is the row's (`folderOf`), as is the name; route-folders.test.ts checks the files.
  // A template literal in the call itself, so that a bundler (esbuild's glob-style require) can
  // see which files it may load: the local server and the bench run bundled too.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by the row's names
  const exported = (require(`./${folderOf(functionName)}/${file}.ts`) as Record<string, unknown>)[name];
  if (typeof exported !== 'function') throw new Error(`routes/${folderOf(functionName)}/${file}.ts exports no ${name}`);
  return exported as Newable<T>;
}
