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
