import type { Clock } from '../../ports/clock';
import type { UserProfileRepository } from '../../ports/user-profile-repository';
import { err, ok, type Result } from '../../shared/result';
import type { EmptyChangeSetError } from '../../user-profile/errors';
import { ProfileNotFoundError, StaleVersionError, type ProfileValidationError } from '../../user-profile/errors';
import { sameRevision, type ProfileRevision } from '../../user-profile/revision';
import type { ProfileChanges, UserProfile } from '../../user-profile/user-profile';
import { UserId } from '../../user-profile/value-objects/user-id';
import { Email } from '../../user-profile/value-objects/email';
import { mayActOn, mayUseEmail, type Actor } from '../actor';
import { AccessDeniedError, EmailNotVerifiedForCallerError } from '../errors';

export interface UpdateUserProfileCommand {
  readonly userId: string;
  readonly changes: ProfileChanges;
  /** The revision the client last saw (`If-Match`); absent means "whatever is there now". */
  readonly expectedRevision?: ProfileRevision;
}

export type UpdateUserProfileError =
  | AccessDeniedError
  | EmailNotVerifiedForCallerError
  | EmptyChangeSetError
  | ProfileValidationError
  | ProfileNotFoundError
  | StaleVersionError;

/**
 * Without an expected revision, a concurrent writer between our read and our write is not the
 * client's conflict: we re-read and re-apply, a bounded number of times.
 */
const MAX_ATTEMPTS_WITHOUT_EXPECTED_REVISION = 5;

/** Applies a partial update to an existing profile; never creates one. */
export class UpdateUserProfile {
  constructor(
    private readonly profiles: UserProfileRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, command: UpdateUserProfileCommand): Promise<Result<UserProfile, UpdateUserProfileError>> {
    if (!mayActOn(actor, command.userId)) return err(new AccessDeniedError());
    if (!UserId.isPossible(command.userId)) return err(new ProfileNotFoundError(command.userId));
    if (!mayUseEmailOf(actor, command.changes)) return err(new EmailNotVerifiedForCallerError());

    for (let attempt = 1; ; attempt++) {
      const current = await this.profiles.get(command.userId);
      if (!current) return err(new ProfileNotFoundError(command.userId));
      if (command.expectedRevision !== undefined && !sameRevision(current.revision, command.expectedRevision)) {
        return err(new StaleVersionError(command.userId, command.expectedRevision));
      }

      const next = current.applyChanges(command.changes, this.clock.now());
      if (!next.ok) return next;

      // The write is conditional on the revision we read, so no concurrent change is lost and
      // a profile deleted and created again meanwhile is never overwritten with the old one.
      const written = await this.profiles.update(next.value, current.revision);
      if (written.ok) return ok(next.value);
      const retry =
        written.error instanceof StaleVersionError &&
        command.expectedRevision === undefined &&
        attempt < MAX_ATTEMPTS_WITHOUT_EXPECTED_REVISION;
      if (!retry) return written;
    }
  }
}

/**
 * Whether the change's email, if any, is one the actor may set. Decided from the command alone,
 * so it holds however the write is done. An email that breaks the email rules is left to the
 * validation, which answers with the rule it breaks.
 */
function mayUseEmailOf(actor: Actor, changes: ProfileChanges): boolean {
  if (changes.email === undefined) return true;
  const email = Email.create(changes.email);
  return !email.ok || mayUseEmail(actor, email.value);
}
