import { CLOCK, CreateUserProfile, USER_PROFILE_REPOSITORY } from '@userprofile/domain';
import { ContainerModule } from 'inversify';

import { CreateUserProfileHandler } from '../../handlers/create-user-profile.handler';
import type { RouteBinding } from '../route-binding';
import { resolve, USE_CASES } from '../tokens';

export const createUserProfileRoute: RouteBinding = {
  handler: CreateUserProfileHandler,
  module: new ContainerModule(({ bind }) => {
    bind(USE_CASES.createUserProfile)
      .toDynamicValue((ctx) => new CreateUserProfile(resolve(ctx, USER_PROFILE_REPOSITORY), resolve(ctx, CLOCK)))
      .inSingletonScope();
    bind(CreateUserProfileHandler).toSelf().inSingletonScope();
  }),
};
