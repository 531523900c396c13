import type { Clock } from '../../ports/clock';
import type { UserProfileRepository } from '../../ports/user-profile-repository';
import { err, ok, type Result } from '../../shared/result';
import type {
  EmptyChangeSetError} from '../../user-profile/errors';
import {
  ProfileNotFoundError,
  StaleVersionError,
  type ProfileValidationError,
} from '../../user-profile/errors';
import type { ProfileChanges, UserProfile } from '../../user-profile/user-profile';
import { UserId } from '../../user-profile/value-objects/user-id';
import { mayActOn, type Actor } from '../actor';
import { AccessDeniedError } from '../errors';

export interface UpdateUserProfileCommand {
  readonly userId: string;
  readonly changes: ProfileChanges;
  /** The version the client last saw (`If-Match`); absent means "whatever is there now". */
  readonly expectedVersion?: number;
}

export type UpdateUserProfileError =
  | AccessDeniedError
  | EmptyChangeSetError
  | ProfileValidationError
  | ProfileNotFoundError
  | StaleVersionError;

/**
 * Without an expected version, a concurrent writer between our read and our write is not the
 * client's conflict: we re-read and re-apply, a bounded number of times.
 */
const MAX_ATTEMPTS_WITHOUT_EXPECTED_VERSION = 5;

/** Applies a partial update to an existing profile; never creates one. */
export class UpdateUserProfile {
  constructor(
    private readonly profiles: UserProfileRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, command: UpdateUserProfileCommand): Promise<Result<UserProfile, UpdateUserProfileError>> {
    if (!mayActOn(actor, command.userId)) return err(new AccessDeniedError());
    if (!UserId.isPossible(command.userId)) return err(new ProfileNotFoundError(command.userId));

    for (let attempt = 1; ; attempt++) {
      const current = await this.profiles.get(command.userId);
      if (!current) return err(new ProfileNotFoundError(command.userId));
      if (command.expectedVersion !== undefined && current.version !== command.expectedVersion) {
        return err(new StaleVersionError(command.userId, command.expectedVersion));
      }

      const next = current.applyChanges(command.changes, this.clock.now());
      if (!next.ok) return next;

      // The write is conditional on the version we read, so no concurrent change is lost.
      const written = await this.profiles.update(next.value, current.version);
      if (written.ok) return ok(next.value);
      const retry =
        written.error instanceof StaleVersionError &&
        command.expectedVersion === undefined &&
        attempt < MAX_ATTEMPTS_WITHOUT_EXPECTED_VERSION;
      if (!retry) return written;
    }
  }
}
