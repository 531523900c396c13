/**
 * Every problem kind (RFC 9457) this API answers, whoever answers it: a handler, or API
 * Gateway itself, with its HTTP status. Each kind has a stable `type` clients key on; its status
 * and title live here and nowhere else. Import-free: the CDK app's gateway responses read it at
 * synth time.
 */
const STATUSES = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  /** A non-admin set an email other than their token's verified one. */
  'email-not-verified-for-caller': 403,
  /** The old lookup form (`GET /users?email=`): lookups moved to `POST /users/search`. */
  'lookup-moved': 400,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  /** A request with an `Idempotency-Key` arrived while the first request with that key was still running. */
  'request-in-flight': 409,
  /**
   * A retry with an `Idempotency-Key` whose first attempt ended without a record, on a profile
   * changed since: whether that attempt wrote cannot be told, so nothing runs again.
   */
  'request-outcome-unknown': 409,
  'precondition-failed': 412,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  /** An `Idempotency-Key` was reused for a different request (method, path, body or `If-Match`). */
  'idempotency-key-reused': 422,
  'precondition-required': 428,
  'service-unavailable': 503,
  internal: 500,
  /** Only API Gateway answers this (throttling). */
  'too-many-requests': 429,
  /** Only API Gateway answers this: any other refusal of its own (it keeps its own 4xx status). */
  'request-refused': 403,
} as const;

export type ProblemKind = keyof typeof STATUSES;

/** A kind's title is the kind in words (`not-found`: "Not found") unless it is named here. */
const TITLES: Partial<Record<ProblemKind, string>> = { validation: 'Invalid request', internal: 'Internal error' };

const inWords = (kind: string): string => {
  const words = kind.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Every kind's status and title. */
export const PROBLEM_KINDS = Object.fromEntries(
  Object.entries(STATUSES).map(([kind, status]) => [
    kind,
    { status, title: TITLES[kind as ProblemKind] ?? inWords(kind) },
  ]),
) as { readonly [K in ProblemKind]: { readonly status: (typeof STATUSES)[K]; readonly title: string } };

/** The `type` member of a problem of this kind. */
export const problemType = (kind: ProblemKind): string => `/problems/${kind}`;

/** What any route can answer, whatever it does: no or a bad token, a fault, the store away. */
export const COMMON_PROBLEM_KINDS = [
  'unauthorized',
  'forbidden',
  'method-not-allowed',
  'internal',
  'service-unavailable',
] as const satisfies readonly ProblemKind[];
