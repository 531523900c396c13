import { DeleteUserProfile, USER_PROFILE_REPOSITORY } from '@userprofile/domain';
import { ContainerModule } from 'inversify';

import { DeleteUserProfileHandler } from '../../handlers/delete-user-profile.handler';
import type { RouteBinding } from '../route-binding';
import { resolve, USE_CASES } from '../tokens';

export const deleteUserProfileRoute: RouteBinding = {
  handler: DeleteUserProfileHandler,
  module: new ContainerModule(({ bind }) => {
    bind(USE_CASES.deleteUserProfile)
      .toDynamicValue((ctx) => new DeleteUserProfile(resolve(ctx, USER_PROFILE_REPOSITORY)))
      .inSingletonScope();
    bind(DeleteUserProfileHandler).toSelf().inSingletonScope();
  }),
};
