import { GetUserProfile, USER_PROFILE_REPOSITORY } from '@userprofile/domain';
import { ContainerModule } from 'inversify';

import { GetUserProfileHandler } from '../../handlers/get-user-profile.handler';
import type { RouteBinding } from '../route-binding';
import { resolve, USE_CASES } from '../tokens';

export const getUserProfileRoute: RouteBinding = {
  handler: GetUserProfileHandler,
  module: new ContainerModule(({ bind }) => {
    bind(USE_CASES.getUserProfile)
      .toDynamicValue((ctx) => new GetUserProfile(resolve(ctx, USER_PROFILE_REPOSITORY)))
      .inSingletonScope();
    bind(GetUserProfileHandler).toSelf().inSingletonScope();
  }),
};
