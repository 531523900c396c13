import { IDEMPOTENCY_STORE, type IdempotencyStore } from '../../ports/idempotency-store';
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

/**
 * Deletes the owner's profile or, for an administrator, anyone's, and then the stored responses
 * that carry it (`forgetSubject`), so that no replay hands out the deleted profile's personal
 * data. The responses go after the profile: a write that completes in between finds no profile
 * and stores none. They go also when the profile was already gone, so a retry of a delete whose
 * second step failed (a fault, thrown) finishes it.
 */
export class DeleteUserProfile {
  /** What its constructor takes, by token, in order (`BuiltFromPorts`): how any runtime builds it. */
  static readonly ports = [USER_PROFILE_REPOSITORY, IDEMPOTENCY_STORE] as const;

  constructor(
    private readonly profiles: UserProfileRepository,
    private readonly storedResponses: IdempotencyStore,
  ) {}

  async execute(actor: Actor, command: DeleteUserProfileCommand): Promise<Result<void, DeleteUserProfileError>> {
    if (!mayActOn(actor, command.userId)) return err(new AccessDeniedError());
    if (!UserId.isPossible(command.userId)) return err(new ProfileNotFoundError(command.userId));
    const deleted = await this.profiles.delete(command.userId, command.expectedRevision);
    if (deleted.ok || deleted.error instanceof ProfileNotFoundError) {
      await this.storedResponses.forgetSubject(command.userId);
    }
    return deleted;
  }
}
