import {
  ACCOUNT_DIRECTORY,
  CLOCK,
  CreateUserProfile,
  DeleteUserProfile,
  EraseUserAccount,
  FindUserProfilesByEmail,
  GetUserProfile,
  ListUserProfiles,
  IDEMPOTENCY_STORE,
  UpdateUserProfile,
  USER_PROFILE_EVENT_PUBLISHER,
  USER_PROFILE_REPOSITORY,
} from '@userprofile/domain';
import { ContainerModule, type MapToResolvedValueInjectOptions } from 'inversify';

import { SETTINGS_PROVIDER } from '../settings/runtime-settings';

/**
 * A use case bound to its own class; the domain knows no DI library, so its ports are named in
 * order. The domain's `ConfigProvider` is the runtime's settings provider (it reads its own part).
 */
const useCase = <A extends unknown[], T>(UseCase: new (...args: A) => T, ports: MapToResolvedValueInjectOptions<A>) =>
  new ContainerModule(({ bind }) => {
    bind(UseCase).toResolvedValue((...args: A) => new UseCase(...args), ports);
  });

// Pure: a Lambda bundle keeps only the use case its entry loads.
export const createProfile = /* @__PURE__ */ useCase(CreateUserProfile, [USER_PROFILE_REPOSITORY, CLOCK]);
export const getProfile = /* @__PURE__ */ useCase(GetUserProfile, [USER_PROFILE_REPOSITORY]);
export const updateProfile = /* @__PURE__ */ useCase(UpdateUserProfile, [USER_PROFILE_REPOSITORY, CLOCK]);
export const deleteProfile = /* @__PURE__ */ useCase(DeleteUserProfile, [USER_PROFILE_REPOSITORY, IDEMPOTENCY_STORE]);
export const eraseAccount = /* @__PURE__ */ useCase(EraseUserAccount, [
  USER_PROFILE_REPOSITORY,
  IDEMPOTENCY_STORE,
  ACCOUNT_DIRECTORY,
  USER_PROFILE_EVENT_PUBLISHER,
  CLOCK,
]);
export const listProfiles = /* @__PURE__ */ useCase(ListUserProfiles, [USER_PROFILE_REPOSITORY, SETTINGS_PROVIDER]);
export const findProfilesByEmail = /* @__PURE__ */ useCase(FindUserProfilesByEmail, [
  USER_PROFILE_REPOSITORY,
  SETTINGS_PROVIDER,
]);
