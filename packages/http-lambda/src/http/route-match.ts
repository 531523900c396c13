import { ROUTES, type RouteDefinition } from '../routes';

type Resource = RouteDefinition['path'];

// `/users/{userId}` → /^\/users\/[^/]+$/: a path parameter is one non-empty segment.
const patternOf = (resource: string): RegExp =>
  new RegExp(`^${resource.replace(/\{[^/}]+\}/g, '[^/]+').replace(/\//g, '\\/')}$`);

const parametersIn = (resource: string): number => resource.split('{').length - 1;

// As in API Gateway, a literal segment beats a parameter: `/users/search` is not a user id.
const RESOURCES: readonly { readonly resource: Resource; readonly pattern: RegExp }[] = [
  ...new Set(ROUTES.map((route) => route.path)),
]
  .sort((a, b) => parametersIn(a) - parametersIn(b))
  .map((resource) => ({ resource, pattern: patternOf(resource) }));

/** The route table's path pattern a concrete path belongs to, e.g. `/users/ada` → `/users/{userId}`. */
export function resourceOf(path: string): Resource | undefined {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return RESOURCES.find(({ pattern }) => pattern.test(trimmed))?.resource;
}

/** The methods the route table serves on a path pattern (OPTIONS is always answered too). */
export function methodsOf(resource: string): string[] {
  return ROUTES.filter((route) => route.path === resource).map((route) => route.method);
}
