import { ROUTES, type RouteDefinition } from '../routes';

/** The route table's path pattern a concrete path belongs to, e.g. `/users/ada` → `/users/{userId}`. */
export function resourceOf(path: string): RouteDefinition['path'] | undefined {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (trimmed === '/users') return '/users';
  if (/^\/users\/[^/]+$/.test(trimmed)) return '/users/{userId}';
  return undefined;
}

/** The methods the route table serves on a path pattern (OPTIONS is always answered too). */
export function methodsOf(resource: string): string[] {
  return ROUTES.filter((route) => route.path === resource).map((route) => route.method);
}
