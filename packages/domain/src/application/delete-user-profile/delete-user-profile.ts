import type { UserProfileRepository } from '../../ports/user-profile-repository';
import { err, type Result } from '../../shared/result';
import type { ProfileNotFoundError, StaleVersionError } from '../../user-profile/errors';
import { mayActOn, type Actor } from '../actor';
import { AccessDeniedError } from '../errors';

export interface DeleteUserProfileCommand {
  readonly userId: string;
  /** The version the client last saw (`If-Match`). */
  readonly expectedVersion?: number;
}

export type DeleteUserProfileError = AccessDeniedError | ProfileNotFoundError | StaleVersionError;

/** Deletes the owner's profile or, for an administrator, anyone's. */
export class DeleteUserProfile {
  constructor(private readonly profiles: UserProfileRepository) {}

  async execute(actor: Actor, command: DeleteUserProfileCommand): Promise<Result<void, DeleteUserProfileError>> {
    if (!mayActOn(actor, command.userId)) return err(new AccessDeniedError());
    return this.profiles.delete(command.userId, command.expectedVersion);
  }
}
