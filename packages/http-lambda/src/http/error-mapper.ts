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
import { HttpProblem, validationFacts, type ProblemFacts } from './problem';

/** Retry-After when a store names no delay of its own. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

/**
 * The one place any failure becomes an HTTP problem. Known outcomes keep their own (our own,
 * client-safe) wording; anything else is `internal` with a generic detail, and `unexpected`
 * tells the caller to log it. No library message, stack or table name ever gets through.
 */
export function toProblem(error: unknown): { readonly problem: HttpProblem; readonly unexpected: boolean } {
  const known = knownProblem(error);
  if (known) {
    const problem = known instanceof HttpProblem ? known : new HttpProblem(known.kind, known.detail, known.options);
    return { problem, unexpected: false };
  }
  return { problem: new HttpProblem(INTERNAL.kind, INTERNAL.detail), unexpected: true };
}

/**
 * The problem a failure that is answered rather than thrown (a use case's expected outcome)
 * calls for, by the same rules as `toProblem`, without building an Error for it.
 */
export function problemFactsOf(error: unknown): ProblemFacts {
  return knownProblem(error) ?? INTERNAL;
}

const INTERNAL: ProblemFacts = {
  kind: 'internal',
  detail: 'Something went wrong on our side. Try again later.',
  options: {},
};

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

function knownProblem(error: unknown): ProblemFacts | undefined {
  if (error instanceof HttpProblem) return error;
  const fixed = FIXED_PROBLEMS.find(({ when }) => error instanceof when);
  if (fixed) return { kind: fixed.kind, detail: fixed.detail, options: {} };
  if (error instanceof ProfileValidationError) {
    return validationFacts(
      'The profile breaks one or more rules.',
      error.violations.map((violation) => ({ field: violation.field, message: violation.message })),
    );
  }
  if (error instanceof FieldRuleViolation) {
    return validationFacts('The profile breaks one or more rules.', [{ field: error.field, message: error.message }]);
  }
  if (error instanceof EmptyChangeSetError) {
    return validationFacts('The update names no field to change: give email, firstName, lastName or phoneNumber.');
  }
  if (error instanceof InvalidCursorError) {
    return validationFacts('The cursor is not one this service issued.', [
      { field: 'cursor', message: 'must be a nextCursor value from a previous page' },
    ]);
  }
  if (error instanceof InvalidPageSizeError) {
    return validationFacts('The page size is out of range.', [
      { field: 'limit', message: `must be a whole number from 1 to ${error.maxPageSize}` },
    ]);
  }
  if (error instanceof EmailNotVerifiedForCallerError) {
    return {
      kind: 'email-not-verified-for-caller',
      detail: 'Only an administrator may set an email other than the verified email of your sign-in token.',
      options: {
        errors: [
          {
            field: 'email',
            message: "must be the caller's verified email (the token's email with email_verified true)",
          },
        ],
      },
    };
  }
  if (error instanceof StoreUnavailableError) {
    const seconds = Number.isFinite(error.retryAfterSeconds)
      ? Math.max(1, Math.ceil(error.retryAfterSeconds))
      : DEFAULT_RETRY_AFTER_SECONDS;
    return {
      kind: 'service-unavailable',
      detail: 'The profile store is busy or unreachable. Retry later.',
      options: { headers: { [HEADER.retryAfter]: String(seconds) } },
    };
  }
  return undefined;
}
