import { err, ok, type Result } from '../../shared/result';
import type { ProfileAlreadyExistsError, ProfileValidationError } from '../../user-profile/errors';
import { UserProfile, type NewUserProfileInput } from '../../user-profile/user-profile';
import { Email } from '../../user-profile/value-objects/email';
import { mayActOn, mayUseEmail, type Actor } from '../actor';
import { TimedProfileWrite } from '../profile-write';
import { AccessDeniedError, EmailNotVerifiedForCallerError } from '../errors';

/** The new profile's fields; `userId` defaults to the actor's own. */
export type CreateUserProfileCommand = Omit<NewUserProfileInput, 'userId'> & {
  readonly userId?: string;
  /** Stamped on the profile with the write (see `WriteOptions`). */
  readonly writeToken?: string;
};

export type CreateUserProfileError =
  AccessDeniedError | ProfileValidationError | EmailNotVerifiedForCallerError | ProfileAlreadyExistsError;

/** Creates the actor's own profile with their verified email, or, for an administrator, anyone's with any email. */
export class CreateUserProfile extends TimedProfileWrite {
  async execute(actor: Actor, command: CreateUserProfileCommand): Promise<Result<UserProfile, CreateUserProfileError>> {
    const userId = command.userId ?? actor.userId;
    if (!mayActOn(actor, userId)) return err(new AccessDeniedError());

    const { writeToken, ...input } = command;
    const created = UserProfile.create({ ...input, userId }, this.clock.now());
    if (!created.ok) return created;
    if (!mayUseEmail(actor, Email.fromTrusted(created.value.email))) return err(new EmailNotVerifiedForCallerError());

    const stored = await this.profiles.create(created.value, { writeToken });
    return stored.ok ? ok(created.value) : stored;
  }
}
