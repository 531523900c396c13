import { DomainError, fixedDomainError } from '../shared/domain-error';

/** The actor may not do this: someone else's profile, or an administrators-only action. */
export class AccessDeniedError extends fixedDomainError('access_denied', 'not allowed') {}

/** A listing asked for a page size outside the configured bounds. */
export class InvalidPageSizeError extends DomainError {
  readonly code = 'invalid_page_size';
  constructor(readonly maxPageSize: number) {
    super(`limit must be a whole number from 1 to ${maxPageSize}`);
  }
}

/** A non-administrator gave an email that is not the one verified for them by the identity provider. */
export class EmailNotVerifiedForCallerError extends fixedDomainError(
  'email_not_verified_for_caller',
  "the email is not the caller's verified email",
) {}
