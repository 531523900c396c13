import { err, type Result } from '../../shared/result';
import type { EmptyChangeSetError, ProfileValidationError, StaleVersionError } from '../../user-profile/errors';
import { ProfileNotFoundError } from '../../user-profile/errors';
import { ProfileChange, type ProfileChanges } from '../../user-profile/profile-change';
import type { ProfileRevision } from '../../user-profile/revision';
import type { UserProfile } from '../../user-profile/user-profile';
import { UserId } from '../../user-profile/value-objects/user-id';
import { Email } from '../../user-profile/value-objects/email';
import { mayActOn, mayUseEmail, type Actor } from '../actor';
import { TimedProfileWrite } from '../profile-write';
import { AccessDeniedError, EmailNotVerifiedForCallerError } from '../errors';

export interface UpdateUserProfileCommand {
  readonly userId: string;
  readonly changes: ProfileChanges;
  /** The revision the client last saw (`If-Match`); absent means "whatever is there now". */
  readonly expectedRevision?: ProfileRevision;
  /** Stamped on the profile with the write (see `WriteOptions`). */
  readonly writeToken?: string;
}

export type UpdateUserProfileError =
  | AccessDeniedError
  | EmailNotVerifiedForCallerError
  | EmptyChangeSetError
  | ProfileValidationError
  | ProfileNotFoundError
  | StaleVersionError;

/**
 * Applies a partial update to an existing profile; never creates one. The change is decided
 * here, before the store is asked, and the store applies it in one conditional step: there is
 * no read-modify-write, so changes without an expected revision never conflict.
 */
export class UpdateUserProfile extends TimedProfileWrite {
  async execute(actor: Actor, command: UpdateUserProfileCommand): Promise<Result<UserProfile, UpdateUserProfileError>> {
    if (!mayActOn(actor, command.userId)) return err(new AccessDeniedError());
    if (!UserId.isPossible(command.userId)) return err(new ProfileNotFoundError(command.userId));
    if (!mayUseEmailOf(actor, command.changes)) return err(new EmailNotVerifiedForCallerError());
    const change = ProfileChange.create(command.userId, command.changes, this.clock.now());
    if (!change.ok) return change;
    return this.profiles.applyChange(change.value, command.expectedRevision, { writeToken: command.writeToken });
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
