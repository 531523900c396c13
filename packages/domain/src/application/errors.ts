import { DomainError } from '../shared/domain-error';

/** The actor may not do this: someone else's profile, or an administrators-only action. */
export class AccessDeniedError extends DomainError {
  readonly code = 'access_denied';
  constructor() {
    super('not allowed');
  }
}

/** A listing asked for a page size outside the configured bounds. */
export class InvalidPageSizeError extends DomainError {
  readonly code = 'invalid_page_size';
  constructor(readonly maxPageSize: number) {
    super(`limit must be a whole number from 1 to ${maxPageSize}`);
  }
}

/** A non-administrator gave an email that is not the one verified for them by the identity provider. */
export class EmailNotVerifiedForCallerError extends DomainError {
  readonly code = 'email_not_verified_for_caller';
  constructor() {
    super("the email is not the caller's verified email");
  }
}
