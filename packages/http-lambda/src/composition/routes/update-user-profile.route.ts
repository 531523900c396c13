import { CLOCK, UpdateUserProfile, USER_PROFILE_REPOSITORY } from '@userprofile/domain';
import { ContainerModule } from 'inversify';

import { UpdateUserProfileHandler } from '../../handlers/update-user-profile.handler';
import type { RouteBinding } from '../route-binding';
import { resolve, USE_CASES } from '../tokens';

/** Serves both PUT and PATCH. */
export const updateUserProfileRoute: RouteBinding = {
  handler: UpdateUserProfileHandler,
  module: new ContainerModule(({ bind }) => {
    bind(USE_CASES.updateUserProfile)
      .toDynamicValue((ctx) => new UpdateUserProfile(resolve(ctx, USER_PROFILE_REPOSITORY), resolve(ctx, CLOCK)))
      .inSingletonScope();
    bind(UpdateUserProfileHandler).toSelf().inSingletonScope();
  }),
};
