import { DEFAULT_IDEMPOTENCY_SETTINGS } from '../http/idempotency/idempotency-settings';

/**
 * The `iss` of the administrators' user pool's tokens, set by the CDK app where the function is
 * defined. Required: without it no token could be told an administrator's, and a function that
 * silently had no administrators would hide the deployment mistake.
 */
export const ADMIN_ISSUER_ENV = 'ADMIN_ISSUER';

/** A deployment mistake, reported at cold start with the variable's name (never its value). */
export class MissingEnvironmentVariableError extends Error {
  constructor(readonly variable: string) {
    super(`environment variable ${variable} is not set`);
    this.name = 'MissingEnvironmentVariableError';
  }
}

/** A variable whose value is not what it must be, reported by name only. */
export class InvalidEnvironmentVariableError extends Error {
  constructor(readonly variable: string) {
    super(`environment variable ${variable} must be a whole number of seconds, at least 1`);
    this.name = 'InvalidEnvironmentVariableError';
  }
}

/**
 * What a Lambda function reads from its environment, once, at cold start (HANDLERS.md lists the
 * variables): the idempotency table only on writes, the cursor secret only on paged routes.
 */
export function readLambdaEnvironment(env: NodeJS.ProcessEnv) {
  const optional = (name: string): string | undefined => env[name]?.trim() || undefined;
  const required = (name: string): string => {
    const value = optional(name);
    if (value === undefined) throw new MissingEnvironmentVariableError(name);
    return value;
  };
  const seconds = (name: string, fallback: number): number => {
    const value = Number(optional(name) ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new InvalidEnvironmentVariableError(name);
    return value;
  };
  const idempotencyTable = optional('IDEMPOTENCY_TABLE_NAME');
  const cursorSecretArn = optional('CURSOR_SECRET_ARN');
  return {
    tableName: required('TABLE_NAME'),
    ...(idempotencyTable && {
      idempotency: {
        tableName: idempotencyTable,
        replayWindowSeconds: seconds('IDEMPOTENCY_REPLAY_SECONDS', DEFAULT_IDEMPOTENCY_SETTINGS.replayWindowSeconds),
        inFlightSeconds: seconds('IDEMPOTENCY_IN_FLIGHT_SECONDS', DEFAULT_IDEMPOTENCY_SETTINGS.inFlightSeconds),
      },
    }),
    configPrefix: required('CONFIG_PREFIX'),
    auditLogGroup: required('AUDIT_LOG_GROUP'),
    adminIssuer: required(ADMIN_ISSUER_ENV),
    logLevel: env.LOG_LEVEL ?? 'INFO',
    ...(env.AWS_REGION && { region: env.AWS_REGION }),
    ...(cursorSecretArn && { cursorSecretArn }),
  };
}

/** What a Lambda function's environment says, read once at cold start. */
export type LambdaEnvironment = ReturnType<typeof readLambdaEnvironment>;
