import type { ServiceIdentifier } from 'inversify';

import { LAMBDA_ENV } from '../contract/environment';
import { DEFAULT_IDEMPOTENCY_SETTINGS } from '../http/idempotency/idempotency-settings';

/** A deployment mistake, reported at cold start with the variable's name (never its value). */
export class MissingEnvironmentVariableError extends Error {
  constructor(readonly variable: string) {
    super(`environment variable ${variable} is not set`);
    this.name = 'MissingEnvironmentVariableError';
  }
}

/** A variable whose value is not what it must be, reported by name only. */
export class InvalidEnvironmentVariableError extends Error {
  constructor(
    readonly variable: string,
    unit = 'seconds',
  ) {
    super(`environment variable ${variable} must be a whole number of ${unit}, at least 1`);
    this.name = 'InvalidEnvironmentVariableError';
  }
}

/**
 * What a Lambda function reads from its environment, once, at cold start (HANDLERS.md lists the
 * variables): the idempotency table only on writes, the cursor secret only on paged routes, the
 * user pool and the bus only where the row's parts name them.
 */
export function readLambdaEnvironment(env: NodeJS.ProcessEnv) {
  const optional = (name: string): string | undefined => env[name]?.trim() || undefined;
  const required = (name: string): string => {
    const value = optional(name);
    if (value === undefined) throw new MissingEnvironmentVariableError(name);
    return value;
  };
  const wholeNumber = (name: string, fallback: number | undefined, unit: string): number => {
    const value = Number(optional(name) ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new InvalidEnvironmentVariableError(name, unit);
    return value;
  };
  const seconds = (name: string, fallback: number): number => wholeNumber(name, fallback, 'seconds');
  const idempotencyTable = optional(LAMBDA_ENV.idempotencyTableName);
  const cursorSecretArn = optional(LAMBDA_ENV.cursorSecretArn);
  const userPoolId = optional(LAMBDA_ENV.userPoolId);
  const eventBusName = optional(LAMBDA_ENV.eventBusName);
  const region = env[LAMBDA_ENV.region];
  const functionName = optional(LAMBDA_ENV.functionName);
  return {
    tableName: required(LAMBDA_ENV.tableName),
    ...(idempotencyTable && {
      idempotency: {
        tableName: idempotencyTable,
        replayWindowSeconds: seconds(
          LAMBDA_ENV.idempotencyReplaySeconds,
          DEFAULT_IDEMPOTENCY_SETTINGS.replayWindowSeconds,
        ),
        inFlightSeconds: seconds(LAMBDA_ENV.idempotencyInFlightSeconds, DEFAULT_IDEMPOTENCY_SETTINGS.inFlightSeconds),
      },
    }),
    configPrefix: required(LAMBDA_ENV.configPrefix),
    auditLogGroup: required(LAMBDA_ENV.auditLogGroup),
    pseudonymSecretArn: required(LAMBDA_ENV.pseudonymSecretArn),
    adminIssuer: required(LAMBDA_ENV.adminIssuer),
    logLevel: env[LAMBDA_ENV.logLevel] ?? 'INFO',
    ...(region && { region }),
    ...(functionName && { functionName }),
    ...(cursorSecretArn && { cursorSecretArn }),
    ...(userPoolId && { userPoolId }),
    ...(eventBusName && { eventBusName }),
    // Unset: the audit search's own default applies.
    ...(optional(LAMBDA_ENV.auditSearchDays) !== undefined && {
      auditSearchDays: wholeNumber(LAMBDA_ENV.auditSearchDays, undefined, 'days'),
    }),
  };
}

/** What a Lambda function's environment says, read once at cold start. */
export type LambdaEnvironment = ReturnType<typeof readLambdaEnvironment>;

/** The environment as the Lambda composition root read it at cold start. */
export const LAMBDA_ENVIRONMENT: ServiceIdentifier<LambdaEnvironment> = Symbol.for(
  'userprofile.http.LambdaEnvironment',
);
