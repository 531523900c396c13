/**
 * The request each route is measured with, derived from its row of the route table: bench-only
 * facts live here, not in the table. Only a new body DTO needs a line (the compiler asks for it).
 */
import type { BodyKey, RouteDefinition } from '../../packages/http-lambda/src/routes';

/** A request that succeeds, as the benchmarks send it (on `/users/me` for a `{userId}` path). */
export interface RouteExample {
  readonly caller: 'owner' | 'admin';
  /** Whether the caller's profile must exist first. */
  readonly existingProfile: boolean;
  readonly body?: Readonly<Record<string, string>>;
}

/** A valid body of each DTO. */
const EXAMPLE_BODIES: Readonly<Record<BodyKey, Readonly<Record<string, string>>>> = {
  CreateUserProfileBody: {
    email: 'ada@example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    phoneNumber: '+447700900123',
  },
  UpdateUserProfileBody: { firstName: 'Grace' },
  SearchUserProfilesBody: { email: 'ada@example.com' },
};

/**
 * A row's example: a route that spans profiles (its audit target is `any-profile`) is an
 * administrator's; a create (201) needs no profile first, every other route its caller's own.
 */
export const exampleOf = (route: RouteDefinition): RouteExample => ({
  caller: route.audit === 'any-profile' ? 'admin' : 'owner',
  existingProfile: route.success.status !== 201,
  ...(route.body && { body: EXAMPLE_BODIES[route.body] }),
});
