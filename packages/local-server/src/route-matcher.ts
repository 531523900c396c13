import { ROUTES, type HttpMethod, type RouteDefinition } from '@userprofile/http-lambda/routes';

export type RouteMatch =
  | { readonly kind: 'route'; readonly route: RouteDefinition; readonly pathParameters: Record<string, string> | null }
  | { readonly kind: 'method-not-allowed'; readonly resource: string; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

const paramName = /^\{([A-Za-z0-9_]+)\}$/;

/** Matches a path against a resource path like `/users/{userId}`; segments stay encoded. */
const matchResource = (resource: string, pathname: string): Record<string, string> | undefined => {
  const expected = resource.split('/');
  const actual = pathname.split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < expected.length; i += 1) {
    const want = expected[i] as string;
    const got = actual[i] as string;
    const name = paramName.exec(want)?.[1];
    if (name !== undefined) {
      if (got === '') return undefined;
      params[name] = got;
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
};

/**
 * Routes a request the way API Gateway does from the route table: a known path and method
 * gives the route and its (still encoded) path parameters; a known path with another method
 * gives the methods it allows; anything else is not found.
 */
export const createRouteMatcher = (routes: readonly RouteDefinition[] = ROUTES) => {
  // As in API Gateway, a literal segment beats a parameter (`/users/search` is not a user id),
  // whatever the order of the table's rows.
  const parametersIn = (resource: string): number => resource.split('{').length - 1;
  const resources = [...new Set(routes.map((route) => route.path))].sort((a, b) => parametersIn(a) - parametersIn(b));
  return (method: string, pathname: string): RouteMatch => {
    for (const resource of resources) {
      const params = matchResource(resource, pathname);
      if (!params) continue;
      const forResource = routes.filter((route) => route.path === resource);
      const route = forResource.find((candidate) => candidate.method === (method as HttpMethod));
      if (route) {
        return { kind: 'route', route, pathParameters: Object.keys(params).length > 0 ? params : null };
      }
      return {
        kind: 'method-not-allowed',
        resource,
        allow: [...forResource.map((candidate) => candidate.method), 'OPTIONS'],
      };
    }
    return { kind: 'not-found' };
  };
};

export type RouteMatcher = ReturnType<typeof createRouteMatcher>;
