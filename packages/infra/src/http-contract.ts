/**
 * Facts the deployed API shares with the handlers and the local server, each defined once in
 * this package: every construct reads them from here, so pointing this module at
 * `@userprofile/http-lambda/contract` later changes one file.
 */

/** Powertools' service name in every log line and trace (`POWERTOOLS_SERVICE_NAME`). */
export const SERVICE_NAME = 'userprofile';

/** The Cognito group whose members may read, change and delete every profile. */
export const ADMIN_GROUP = 'admins';

/** How long a browser may cache a CORS preflight answer, in seconds. */
export const CORS_MAX_AGE_SECONDS = 3600;

/** Headers a browser may send on a cross-origin request. */
export const CORS_ALLOW_HEADERS: readonly string[] = ['Authorization', 'Content-Type', 'If-Match', 'X-Request-Id'];

/** The problem kinds (`/problems/{kind}`) API Gateway answers with on its own refusals. */
export const GATEWAY_PROBLEM_KINDS = {
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not-found',
  methodNotAllowed: 'method-not-allowed',
  validation: 'validation',
  payloadTooLarge: 'payload-too-large',
  unsupportedMediaType: 'unsupported-media-type',
  tooManyRequests: 'too-many-requests',
  requestRefused: 'request-refused',
  internal: 'internal',
} as const;

/** A problem kind the gateway may answer with. */
export type GatewayProblemKind = (typeof GATEWAY_PROBLEM_KINDS)[keyof typeof GATEWAY_PROBLEM_KINDS];
