/**
 * Problem details (RFC 9457): the one shape every error response of this API has. Each kind
 * has a stable `type` that clients key on; the HTTP status lives here and nowhere else.
 */

export const PROBLEM_KINDS = {
  validation: { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'email-not-verified-for-caller': { status: 403, title: 'Email not verified for caller' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'precondition-required': { status: 428, title: 'Precondition required' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Internal error' },
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

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

export const problemType = (kind: ProblemKind): string => `/problems/${kind}`;

/**
 * A request the HTTP layer refuses before (or instead of) any use case runs. Thrown by the
 * request-parsing helpers and turned into a response by the error mapper; its `detail` is
 * always ours, so it is safe to show to clients.
 */
export class HttpProblem extends Error {
  readonly status: number;

  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly options: {
      readonly errors?: readonly FieldError[];
      readonly headers?: Readonly<Record<string, string>>;
    } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
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
