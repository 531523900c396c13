import { USER_PROFILE_REPOSITORY, type UserProfileRepository } from '../../ports/user-profile-repository';
import { err, type Result } from '../../shared/result';
import { ProfileNotFoundError, type StaleVersionError } from '../../user-profile/errors';
import type { ProfileRevision } from '../../user-profile/revision';
import { UserId } from '../../user-profile/value-objects/user-id';
import { mayActOn, type Actor } from '../actor';
import { AccessDeniedError } from '../errors';

export interface DeleteUserProfileCommand {
  readonly userId: string;
  /** The revision the client last saw (`If-Match`). */
  readonly expectedRevision?: ProfileRevision;
}

export type DeleteUserProfileError = AccessDeniedError | ProfileNotFoundError | StaleVersionError;

/** Deletes the owner's profile or, for an administrator, anyone's. */
export class DeleteUserProfile {
  /** What its constructor takes, by token, in order (`BuiltFromPorts`): how any runtime builds it. */
  static readonly ports = [USER_PROFILE_REPOSITORY] as const;

  constructor(private readonly profiles: UserProfileRepository) {}

  async execute(actor: Actor, command: DeleteUserProfileCommand): Promise<Result<void, DeleteUserProfileError>> {
    if (!mayActOn(actor, command.userId)) return err(new AccessDeniedError());
    if (!UserId.isPossible(command.userId)) return err(new ProfileNotFoundError(command.userId));
    return this.profiles.delete(command.userId, command.expectedRevision);
  }
}
