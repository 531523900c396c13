import type { ProfilePage } from '../../ports/user-profile-repository';
import { err, type Result } from '../../shared/result';
import { ProfileValidationError, type InvalidCursorError } from '../../user-profile/errors';
import { Email } from '../../user-profile/value-objects/email';
import type { Actor } from '../actor';
import { AccessDeniedError, type InvalidPageSizeError } from '../errors';
import { PagedProfileRead, type PageQuery } from '../page-request';

/** A lookup: the email as given, and the page wanted (as for the list). */
export interface FindUserProfilesByEmailQuery extends PageQuery {
  readonly email: string;
}

export type FindUserProfilesByEmailError =
  AccessDeniedError | ProfileValidationError | InvalidPageSizeError | InvalidCursorError;

/**
 * Exact, case-insensitive lookup by email, a page at a time (emails are not unique, and an
 * impostor can claim anyone's, so one lookup must not read without bound). Administrators only.
 */
export class FindUserProfilesByEmail extends PagedProfileRead {
  async execute(
    actor: Actor,
    query: FindUserProfilesByEmailQuery,
  ): Promise<Result<ProfilePage, FindUserProfilesByEmailError>> {
    if (!actor.isAdmin) return err(new AccessDeniedError());
    const email = Email.create(query.email);
    if (!email.ok) return err(new ProfileValidationError([email.error]));
    return this.readPage(query, (page) => this.profiles.findByEmail(email.value.value, page));
  }
}
