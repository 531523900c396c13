import {
  CLOCK,
  CONFIG_PROVIDER,
  CreateUserProfile,
  DeleteUserProfile,
  FindUserProfilesByEmail,
  GetUserProfile,
  ListUserProfiles,
  UpdateUserProfile,
  USER_PROFILE_REPOSITORY,
} from '@userprofile/domain';
import { ContainerModule, type MapToResolvedValueInjectOptions } from 'inversify';

/**
 * The domain's use cases, each bound to its own class. They are plain classes (the domain knows
 * no DI library), so each names the ports its constructor takes, in order.
 */
export const useCasesModule = new ContainerModule(({ bind }) => {
  const useCase = <A extends unknown[], T>(
    UseCase: new (...args: A) => T,
    ports: MapToResolvedValueInjectOptions<A>,
  ): void => {
    bind(UseCase)
      .toResolvedValue((...args: A) => new UseCase(...args), ports)
      .inSingletonScope();
  };
  useCase(CreateUserProfile, [USER_PROFILE_REPOSITORY, CLOCK]);
  useCase(GetUserProfile, [USER_PROFILE_REPOSITORY]);
  useCase(UpdateUserProfile, [USER_PROFILE_REPOSITORY, CLOCK]);
  useCase(DeleteUserProfile, [USER_PROFILE_REPOSITORY]);
  useCase(ListUserProfiles, [USER_PROFILE_REPOSITORY, CONFIG_PROVIDER]);
  useCase(FindUserProfilesByEmail, [USER_PROFILE_REPOSITORY, CONFIG_PROVIDER]);
});
