/**
 * The request each route is measured with, derived from its row of the route table: bench-only
 * facts live here, not in the table. A body is its DTO's required fields with the examples the
 * OpenAPI document gives them, unless one is written below.
 */
import { buildOpenApiDocument } from '../../packages/http-lambda/src/openapi/openapi-document';
import type { BodyKey, RouteDefinition } from '../../packages/http-lambda/src/routes';

/** A request that succeeds, as the benchmarks send it (on `/users/me` for a `{userId}` path). */
export interface RouteExample {
  readonly caller: 'owner' | 'admin';
  /** Whether the caller's profile must exist first. */
  readonly existingProfile: boolean;
  readonly body?: Readonly<Record<string, string>>;
}

/** Bodies as the benchmarks have always sent them (an update needs a field, and none is required). */
const EXAMPLE_BODIES: Readonly<Partial<Record<BodyKey, Readonly<Record<string, string>>>>> = {
  CreateUserProfileBody: {
    email: 'ada@example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    phoneNumber: '+447700900123',
  },
  UpdateUserProfileBody: { firstName: 'Grace' },
};

/**
 * A row's example: a route that spans profiles (its audit target is `any-profile`) is an
 * administrator's; a create (201) needs no profile first, every other route its caller's own.
 */
export const exampleOf = (route: RouteDefinition): RouteExample => ({
  caller: route.audit === 'any-profile' ? 'admin' : 'owner',
  existingProfile: route.success.status !== 201,
  ...(route.body && { body: EXAMPLE_BODIES[route.body] ?? documentedBodyOf(route.body) }),
});

interface BodySchema {
  readonly required?: readonly string[];
  readonly properties: Readonly<Record<string, { readonly examples?: readonly string[] }>>;
}

/** A body of the DTO's required fields, each with the first example the OpenAPI document gives it. */
function documentedBodyOf(dto: BodyKey): Readonly<Record<string, string>> {
  const document = buildOpenApiDocument() as { components: { schemas: Record<string, BodySchema> } };
  const schema = document.components.schemas[dto]!;
  const body = (schema.required ?? []).map((field) => [field, schema.properties[field]?.examples?.[0]] as const);
  const missing = body.filter(([, example]) => example === undefined).map(([field]) => field);
  if (missing.length > 0) throw new Error(`${dto}: no example for ${missing.join(', ')}; write its body above`);
  return Object.fromEntries(body) as Record<string, string>;
}
