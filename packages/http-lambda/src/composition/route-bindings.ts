import { ROUTES } from '../routes';
import type { RouteBinding } from './route-binding';
import { createUserProfileRoute } from './routes/create-user-profile.route';
import { deleteUserProfileRoute } from './routes/delete-user-profile.route';
import { getUserProfileRoute } from './routes/get-user-profile.route';
import { listUserProfilesRoute } from './routes/list-user-profiles.route';
import { updateUserProfileRoute } from './routes/update-user-profile.route';

/** Each entry module of the route table and the binding its function loads. */
const BINDINGS_BY_ENTRY: Readonly<Record<string, RouteBinding>> = {
  'functions/create-user-profile.ts': createUserProfileRoute,
  'functions/list-user-profiles.ts': listUserProfilesRoute,
  'functions/get-user-profile.ts': getUserProfileRoute,
  'functions/update-user-profile.ts': updateUserProfileRoute,
  'functions/delete-user-profile.ts': deleteUserProfileRoute,
};

/**
 * Every route of the table with its binding, keyed by function name. For runtimes that serve
 * all routes in one process (the local server, tests); Lambda functions never import this.
 */
export function allRouteBindings(): ReadonlyMap<string, RouteBinding> {
  return new Map(
    ROUTES.map((route) => {
      const binding = BINDINGS_BY_ENTRY[route.entry];
      if (!binding) throw new Error(`route ${route.functionName} names entry ${route.entry}, which has no binding`);
      return [route.functionName, binding] as const;
    }),
  );
}
