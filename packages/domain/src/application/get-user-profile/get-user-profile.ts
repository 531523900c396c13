import { USER_PROFILE_REPOSITORY, type UserProfileRepository } from '../../ports/user-profile-repository';
import { err, ok, type Result } from '../../shared/result';
import { ProfileNotFoundError } from '../../user-profile/errors';
import type { UserProfile } from '../../user-profile/user-profile';
import { UserId } from '../../user-profile/value-objects/user-id';
import { mayActOn, type Actor } from '../actor';
import { AccessDeniedError } from '../errors';

export type GetUserProfileError = AccessDeniedError | ProfileNotFoundError;

/** Reads one profile: the owner's or, for an administrator, anyone's. */
export class GetUserProfile {
  /** What its constructor takes, by token, in order (`BuiltFromPorts`): how any runtime builds it. */
  static readonly ports = [USER_PROFILE_REPOSITORY] as const;

  constructor(private readonly profiles: UserProfileRepository) {}

  async execute(actor: Actor, userId: string): Promise<Result<UserProfile, GetUserProfileError>> {
    // Access is decided before the store is read, so a refusal says nothing about existence.
    if (!mayActOn(actor, userId)) return err(new AccessDeniedError());
    if (!UserId.isPossible(userId)) return err(new ProfileNotFoundError(userId));
    const profile = await this.profiles.get(userId);
    return profile ? ok(profile) : err(new ProfileNotFoundError(userId));
  }
}
