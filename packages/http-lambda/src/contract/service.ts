/** Facts about the service that the CDK app, the handlers and the local server share. Import-free. */

/** The service name on every log line (Powertools `serviceName`) and in resource names. */
export const SERVICE_NAME = 'userprofile';

/**
 * The Cognito group whose members are administrators (the `cognito:groups` claim), in the
 * administrators' user pool only (MFA required, no self sign-up): the same group name in a token
 * from any other issuer, such as the end users' pool, grants nothing.
 */
export const ADMIN_GROUP = 'admins';

/** The largest request body accepted, in decoded bytes (16 KiB). */
export const MAX_BODY_BYTES = 16 * 1024;
