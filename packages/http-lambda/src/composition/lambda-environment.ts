import { DEFAULT_IDEMPOTENCY_SETTINGS, type IdempotencySettings } from '../http/idempotency/idempotency-settings';

/** What a Lambda function reads from its environment, once, at cold start. */
export interface LambdaEnvironment {
  readonly tableName: string;
  /**
   * The idempotency table and how long its records live: set on the functions that serve a
   * write (the CDK app grants only those), absent on read-only ones.
   */
  readonly idempotency?: IdempotencySettings & { readonly tableName: string };
  /** SSM path of the runtime settings, e.g. `/userprofile/dev/`. */
  readonly configPrefix: string;
  /**
   * The Secrets Manager secret holding the page-cursor keys: set only on the functions that
   * sign cursors (list, lookup); the others never read it.
   */
  readonly cursorSecretArn?: string;
  /** The audit log group every function writes its audit records to, e.g. `/userprofile/dev/audit`. */
  readonly auditLogGroup: string;
  readonly logLevel: string;
  /** @default the SDK's region chain */
  readonly region?: string;
  /** `AWS_LAMBDA_RUNTIME_API`, set by Lambda: where the after-response extension registers. */
  readonly runtimeApi?: string;
}

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

export function readLambdaEnvironment(env: NodeJS.ProcessEnv): LambdaEnvironment {
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new MissingEnvironmentVariableError(name);
    return value;
  };
  const seconds = (name: string, fallback: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new InvalidEnvironmentVariableError(name);
    return value;
  };
  return {
    tableName: required('TABLE_NAME'),
    ...(env.IDEMPOTENCY_TABLE_NAME?.trim() && {
      idempotency: {
        tableName: env.IDEMPOTENCY_TABLE_NAME.trim(),
        replayWindowSeconds: seconds('IDEMPOTENCY_REPLAY_SECONDS', DEFAULT_IDEMPOTENCY_SETTINGS.replayWindowSeconds),
        inFlightSeconds: seconds('IDEMPOTENCY_IN_FLIGHT_SECONDS', DEFAULT_IDEMPOTENCY_SETTINGS.inFlightSeconds),
      },
    }),
    configPrefix: required('CONFIG_PREFIX'),
    auditLogGroup: required('AUDIT_LOG_GROUP'),
    logLevel: env.LOG_LEVEL ?? 'INFO',
    ...(env.AWS_REGION && { region: env.AWS_REGION }),
    ...(env.CURSOR_SECRET_ARN?.trim() && { cursorSecretArn: env.CURSOR_SECRET_ARN.trim() }),
    ...(env.AWS_LAMBDA_RUNTIME_API?.trim() && { runtimeApi: env.AWS_LAMBDA_RUNTIME_API.trim() }),
  };
}
