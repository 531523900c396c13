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
 * A request the HTTP layer refuses before (or instead of) any use case runs. Thrown by the
 * request-parsing helpers and turned into a response by the error mapper; its `detail` is
 * always ours, so it is safe to show to clients.
 */
export class HttpProblem extends Error {
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
    const { status, title } = PROBLEM_KINDS[this.kind];
    return {
      type: problemType(this.kind),
      title,
      status,
      detail: this.detail,
      ...(this.options.errors && this.options.errors.length > 0 && { errors: this.options.errors }),
    };
  }
}

/** A 400 listing field-level errors. */
export const validationProblem = (detail: string, errors: readonly FieldError[] = []): HttpProblem =>
  new HttpProblem('validation', detail, { errors });
