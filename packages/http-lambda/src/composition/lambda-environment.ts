/** What a Lambda function reads from its environment, once, at cold start. */
export interface LambdaEnvironment {
  readonly tableName: string;
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
}

/** A deployment mistake, reported at cold start with the variable's name (never its value). */
export class MissingEnvironmentVariableError extends Error {
  constructor(readonly variable: string) {
    super(`environment variable ${variable} is not set`);
    this.name = 'MissingEnvironmentVariableError';
  }
}

export function readLambdaEnvironment(env: NodeJS.ProcessEnv): LambdaEnvironment {
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new MissingEnvironmentVariableError(name);
    return value;
  };
  return {
    tableName: required('TABLE_NAME'),
    configPrefix: required('CONFIG_PREFIX'),
    auditLogGroup: required('AUDIT_LOG_GROUP'),
    logLevel: env.LOG_LEVEL ?? 'INFO',
    ...(env.AWS_REGION && { region: env.AWS_REGION }),
    ...(env.CURSOR_SECRET_ARN?.trim() && { cursorSecretArn: env.CURSOR_SECRET_ARN.trim() }),
  };
}
