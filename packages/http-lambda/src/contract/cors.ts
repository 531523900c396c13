/**
 * The CORS policy both runtimes answer with: API Gateway's preflight mocks (CDK) and the
 * handlers' own headers (and so the local server). Import-free: the CDK app loads it at synth.
 */

/** How long a browser may cache a preflight answer, in seconds. */
export const CORS_MAX_AGE_SECONDS = 3600;

/** The request headers a browser client may send. */
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'If-Match',
  'Idempotency-Key',
  'X-Request-Id',
] as const;

/** The response headers a browser client may read. */
export const CORS_EXPOSED_HEADERS = [
  'ETag',
  'Location',
  'X-Request-Id',
  'Retry-After',
  'Idempotent-Replayed',
  // The export's file name, for a web app that saves it.
  'Content-Disposition',
] as const;

/* The allowed-origin pattern lives with the other settings rules (settings-rules.ts). */
