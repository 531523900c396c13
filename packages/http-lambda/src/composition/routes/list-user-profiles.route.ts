import {
  CONFIG_PROVIDER,
  FindUserProfilesByEmail,
  ListUserProfiles,
  USER_PROFILE_REPOSITORY,
} from '@userprofile/domain';
import { ContainerModule } from 'inversify';

import { ListUserProfilesHandler } from '../../handlers/list-user-profiles.handler';
import type { RouteBinding } from '../route-binding';
import { resolve, USE_CASES } from '../tokens';

export const listUserProfilesRoute: RouteBinding = {
  handler: ListUserProfilesHandler,
  module: new ContainerModule(({ bind }) => {
    bind(USE_CASES.listUserProfiles)
      .toDynamicValue(
        (ctx) => new ListUserProfiles(resolve(ctx, USER_PROFILE_REPOSITORY), resolve(ctx, CONFIG_PROVIDER)),
      )
      .inSingletonScope();
    bind(USE_CASES.findUserProfilesByEmail)
      .toDynamicValue((ctx) => new FindUserProfilesByEmail(resolve(ctx, USER_PROFILE_REPOSITORY)))
      .inSingletonScope();
    bind(ListUserProfilesHandler).toSelf().inSingletonScope();
  }),
};
