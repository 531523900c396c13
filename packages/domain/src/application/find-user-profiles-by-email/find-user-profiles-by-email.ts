import type { UserProfileRepository } from '../../ports/user-profile-repository';
import { err, ok, type Result } from '../../shared/result';
import { ProfileValidationError } from '../../user-profile/errors';
import type { UserProfile } from '../../user-profile/user-profile';
import { Email } from '../../user-profile/value-objects/email';
import type { Actor } from '../actor';
import { AccessDeniedError } from '../errors';

export type FindUserProfilesByEmailError = AccessDeniedError | ProfileValidationError;

/** Exact, case-insensitive lookup by email. Administrators only. */
export class FindUserProfilesByEmail {
  constructor(private readonly profiles: UserProfileRepository) {}

  async execute(actor: Actor, rawEmail: string): Promise<Result<readonly UserProfile[], FindUserProfilesByEmailError>> {
    if (!actor.isAdmin) return err(new AccessDeniedError());
    const email = Email.create(rawEmail);
    if (!email.ok) return err(new ProfileValidationError([email.error]));
    return ok(await this.profiles.findByEmail(email.value.value));
  }
}
