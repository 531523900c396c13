import type { Newable } from 'inversify';

import type { RouteHandler } from '../http/api-request';
import type { FunctionName } from '../routes';
import { CreateUserProfileHandler } from './create-user-profile/handler';
import { DeleteUserProfileHandler } from './delete-user-profile/handler';
import { GetUserProfileHandler } from './get-user-profile/handler';
import { ListUserProfilesHandler } from './list-user-profiles/handler';
import { SearchUserProfilesHandler } from './search-user-profiles/handler';
import { UpdateUserProfileHandler } from './update-user-profile/handler';

/**
 * The handler class of each function of the route table (a missing one does not compile), for
 * runtimes that serve every route in one process. Lambda entries never import this: each
 * bundle holds its own route's handler only.
 */
export const ROUTE_HANDLERS: Readonly<Record<FunctionName, Newable<RouteHandler>>> = {
  CreateUserProfile: CreateUserProfileHandler,
  ListUserProfiles: ListUserProfilesHandler,
  SearchUserProfiles: SearchUserProfilesHandler,
  GetUserProfile: GetUserProfileHandler,
  UpdateUserProfile: UpdateUserProfileHandler,
  DeleteUserProfile: DeleteUserProfileHandler,
};
