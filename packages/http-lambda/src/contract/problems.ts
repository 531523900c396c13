/**
 * Every problem kind (RFC 9457) this API answers, whoever answers it: a handler, or API
 * Gateway itself. Each kind has a stable `type` clients key on; its status and title live here
 * and nowhere else. Import-free: the CDK app's gateway responses read it at synth time.
 */
export const PROBLEM_KINDS = {
  validation: { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  /** A non-admin set an email other than their token's verified one. */
  'email-not-verified-for-caller': { status: 403, title: 'Email not verified for caller' },
  /** The old lookup form (`GET /users?email=`): lookups moved to `POST /users/search`. */
  'lookup-moved': { status: 400, title: 'Lookup moved' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  /** A request with an `Idempotency-Key` arrived while the first request with that key was still running. */
  'request-in-flight': { status: 409, title: 'Request in flight' },
  'precondition-failed': { status: 412, title: 'Precondition failed' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  /** An `Idempotency-Key` was reused for a different request (method, path, body or `If-Match`). */
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused' },
  'precondition-required': { status: 428, title: 'Precondition required' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Internal error' },
  /** Only API Gateway answers this (throttling). */
  'too-many-requests': { status: 429, title: 'Too many requests' },
  /** Only API Gateway answers this: any other refusal of its own (it keeps its own 4xx status). */
  'request-refused': { status: 403, title: 'Request refused' },
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

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
