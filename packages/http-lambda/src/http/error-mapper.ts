import {
  AccessDeniedError,
  EmailNotVerifiedForCallerError,
  EmptyChangeSetError,
  FieldRuleViolation,
  InvalidCursorError,
  InvalidPageSizeError,
  ProfileAlreadyExistsError,
  ProfileNotFoundError,
  ProfileValidationError,
  StaleVersionError,
  StoreUnavailableError,
} from '@userprofile/domain';

import type { ProblemKind } from '../contract/problems';
import { HEADER } from './headers';
import { HttpProblem, validationProblem } from './problem';

/** Retry-After when a store names no delay of its own. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

/**
 * The one place any failure becomes an HTTP problem. Known outcomes keep their own (our own,
 * client-safe) wording; anything else is `internal` with a generic detail, and `unexpected`
 * tells the caller to log it. No library message, stack or table name ever gets through.
 */
export function toProblem(error: unknown): { readonly problem: HttpProblem; readonly unexpected: boolean } {
  const known = knownProblem(error);
  if (known) return { problem: known, unexpected: false };
  return {
    problem: new HttpProblem('internal', 'Something went wrong on our side. Try again later.'),
    unexpected: true,
  };
}

/** Outcomes that always answer the same problem, whatever the error holds. */
const FIXED_PROBLEMS: readonly {
  readonly when: abstract new (...args: never[]) => Error;
  readonly kind: ProblemKind;
  readonly detail: string;
}[] = [
  {
    when: AccessDeniedError,
    kind: 'forbidden',
    detail: 'You may not do this: it needs the owner of the profile or an administrator.',
  },
  { when: ProfileNotFoundError, kind: 'not-found', detail: 'There is no profile with this user id.' },
  { when: ProfileAlreadyExistsError, kind: 'conflict', detail: 'A profile with this user id already exists.' },
  {
    when: StaleVersionError,
    kind: 'precondition-failed',
    detail: 'The profile has changed since the version given in If-Match: read it again, then retry.',
  },
];

function knownProblem(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  const fixed = FIXED_PROBLEMS.find(({ when }) => error instanceof when);
  if (fixed) return new HttpProblem(fixed.kind, fixed.detail);
  if (error instanceof ProfileValidationError) {
    return validationProblem(
      'The profile breaks one or more rules.',
      error.violations.map((violation) => ({ field: violation.field, message: violation.message })),
    );
  }
  if (error instanceof FieldRuleViolation) {
    return validationProblem('The profile breaks one or more rules.', [{ field: error.field, message: error.message }]);
  }
  if (error instanceof EmptyChangeSetError) {
    return validationProblem('The update names no field to change: give email, firstName, lastName or phoneNumber.');
  }
  if (error instanceof InvalidCursorError) {
    return validationProblem('The cursor is not one this service issued.', [
      { field: 'cursor', message: 'must be a nextCursor value from a previous page' },
    ]);
  }
  if (error instanceof InvalidPageSizeError) {
    return validationProblem('The page size is out of range.', [
      { field: 'limit', message: `must be a whole number from 1 to ${error.maxPageSize}` },
    ]);
  }
  if (error instanceof EmailNotVerifiedForCallerError) {
    return new HttpProblem(
      'email-not-verified-for-caller',
      'Only an administrator may set an email other than the verified email of your sign-in token.',
      {
        errors: [
          {
            field: 'email',
            message: "must be the caller's verified email (the token's email with email_verified true)",
          },
        ],
      },
    );
  }
  if (error instanceof StoreUnavailableError) {
    const seconds = Number.isFinite(error.retryAfterSeconds)
      ? Math.max(1, Math.ceil(error.retryAfterSeconds))
      : DEFAULT_RETRY_AFTER_SECONDS;
    return new HttpProblem('service-unavailable', 'The profile store is busy or unreachable. Retry later.', {
      headers: { [HEADER.retryAfter]: String(seconds) },
    });
  }
  return undefined;
}
