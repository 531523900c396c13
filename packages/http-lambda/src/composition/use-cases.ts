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

/** A use case bound to its own class; the domain knows no DI library, so its ports are named in order. */
const useCase = <A extends unknown[], T>(UseCase: new (...args: A) => T, ports: MapToResolvedValueInjectOptions<A>) =>
  new ContainerModule(({ bind }) => {
    bind(UseCase).toResolvedValue((...args: A) => new UseCase(...args), ports);
  });

// Pure: a Lambda bundle keeps only the use case its entry loads.
export const createProfile = /* @__PURE__ */ useCase(CreateUserProfile, [USER_PROFILE_REPOSITORY, CLOCK]);
export const getProfile = /* @__PURE__ */ useCase(GetUserProfile, [USER_PROFILE_REPOSITORY]);
export const updateProfile = /* @__PURE__ */ useCase(UpdateUserProfile, [USER_PROFILE_REPOSITORY, CLOCK]);
export const deleteProfile = /* @__PURE__ */ useCase(DeleteUserProfile, [USER_PROFILE_REPOSITORY]);
export const listProfiles = /* @__PURE__ */ useCase(ListUserProfiles, [USER_PROFILE_REPOSITORY, CONFIG_PROVIDER]);
export const findProfilesByEmail = /* @__PURE__ */ useCase(FindUserProfilesByEmail, [
  USER_PROFILE_REPOSITORY,
  CONFIG_PROVIDER,
]);
