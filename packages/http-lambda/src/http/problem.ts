/**
 * Problem details (RFC 9457): the one shape every error response of this API has. Each kind
 * has a stable `type` that clients key on; its status and title live in the contract.
 */

import { PROBLEM_KINDS, problemType, type ProblemKind } from '../contract/problems';

/** One field-level complaint: `field` names a body field, a query parameter or a header. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The JSON body of an error response. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
}

/** What a problem may carry beside its detail. */
export interface HttpProblemOptions {
  readonly errors?: readonly FieldError[];
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * What a problem response is made of: an `HttpProblem`, or the same facts without an Error
 * around them, for a failure that is answered and never thrown.
 */
export interface ProblemFacts {
  readonly kind: ProblemKind;
  readonly detail: string;
  readonly options: HttpProblemOptions;
}

/** The problem+json document of a problem. */
export function problemDocument({ kind, detail, options }: ProblemFacts): ProblemDocument {
  const { status, title } = PROBLEM_KINDS[kind];
  return {
    type: problemType(kind),
    title,
    status,
    detail,
    ...(options.errors && options.errors.length > 0 && { errors: options.errors }),
  };
}

/**
 * A request the HTTP layer refuses before (or instead of) any use case runs. Thrown by the
 * request-parsing helpers and turned into a response by the error mapper; its `detail` is
 * always ours, so it is safe to show to clients.
 */
export class HttpProblem extends Error implements ProblemFacts {
  readonly status: number;
  readonly kind: ProblemKind;
  readonly detail: string;
  readonly options: HttpProblemOptions;

  constructor(kind: ProblemKind, detail: string, options: HttpProblemOptions = {}) {
    // A refusal is an answer, not a fault: no stack is captured (it would cost more than the
    // rest of a refused request), and the error mapper never logs one for it.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(detail);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.name = 'HttpProblem';
    this.kind = kind;
    this.detail = detail;
    this.options = options;
    this.status = PROBLEM_KINDS[kind].status;
  }

  toDocument(): ProblemDocument {
    return problemDocument(this);
  }
}

/** A 400 listing field-level errors. */
export const validationProblem = (detail: string, errors: readonly FieldError[] = []): HttpProblem =>
  new HttpProblem('validation', detail, { errors });

/** The facts of a 400 listing field-level errors, for a failure that is answered, not thrown. */
export const validationFacts = (detail: string, errors: readonly FieldError[] = []): ProblemFacts => ({
  kind: 'validation',
  detail,
  options: { errors },
});
