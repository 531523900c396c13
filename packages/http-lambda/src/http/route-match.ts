import { ROUTES, type HttpMethod, type RouteDefinition } from '../routes';

type Resource = RouteDefinition['path'];

export type RouteMatch =
  | { readonly kind: 'route'; readonly route: RouteDefinition; readonly pathParameters: Record<string, string> | null }
  | { readonly kind: 'method-not-allowed'; readonly resource: Resource; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

const PARAMETER = /^\{([A-Za-z0-9_]+)\}$/;

/** A path's parameters under a resource path like `/users/{userId}`; segments stay encoded. */
function parametersOf(resource: string, pathname: string): Record<string, string> | undefined {
  const expected = resource.split('/');
  const actual = pathname.split('/');
  if (expected.length !== actual.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [i, want] of expected.entries()) {
    const got = actual[i] as string;
    const name = PARAMETER.exec(want)?.[1];
    if (name === undefined ? want !== got : got === '') return undefined;
    if (name !== undefined) parameters[name] = got;
  }
  return parameters;
}

const parameterCount = (resource: string): number => resource.split('{').length - 1;

/**
 * Routes a request the way API Gateway does from the route table: a known path and method
 * gives the route and its (still encoded) path parameters; a known path with another method
 * gives the methods it allows; anything else is not found. The one matcher of the project:
 * the Lambda pipeline and CORS use it through `resourceOf`, the local server to route.
 */
export function createRouteMatcher(routes: readonly RouteDefinition[] = ROUTES) {
  // As in API Gateway, a literal segment beats a parameter (`/users/search` is not a user id),
  // whatever the order of the table's rows.
  const resources = [...new Set(routes.map((route) => route.path))].sort(
    (a, b) => parameterCount(a) - parameterCount(b),
  );
  return (method: string, pathname: string): RouteMatch => {
    for (const resource of resources) {
      const parameters = parametersOf(resource, pathname);
      if (!parameters) continue;
      const forResource = routes.filter((route) => route.path === resource);
      const route = forResource.find((candidate) => candidate.method === (method as HttpMethod));
      if (route)
        return { kind: 'route', route, pathParameters: Object.keys(parameters).length > 0 ? parameters : null };
      return { kind: 'method-not-allowed', resource, allow: [...forResource.map((row) => row.method), 'OPTIONS'] };
    }
    return { kind: 'not-found' };
  };
}

export type RouteMatcher = ReturnType<typeof createRouteMatcher>;

const matchTableRoute = createRouteMatcher();

/** The route table's path pattern a concrete path belongs to, e.g. `/users/ada` → `/users/{userId}`. */
export function resourceOf(path: string): Resource | undefined {
  // No row has an empty method: a known path answers as method-not-allowed, with its resource.
  const match = matchTableRoute('', path.length > 1 ? path.replace(/\/+$/, '') : path);
  return match.kind === 'method-not-allowed' ? match.resource : undefined;
}

/** The methods the route table serves on a path pattern (OPTIONS is always answered too). */
export function methodsOf(resource: string): string[] {
  return ROUTES.filter((route) => route.path === resource).map((route) => route.method);
}
