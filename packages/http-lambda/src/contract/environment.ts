/**
 * The names of the environment variables a route's Lambda function reads, written once: the
 * CDK app sets them where it defines the function, the Lambda composition root reads them, and
 * the local server, the benchmarks and the tests name them. Import-free: the CDK app loads it at
 * synth time. HANDLERS.md says what each holds.
 */
export const LAMBDA_ENV = {
  /** The profile table. Required. */
  tableName: 'TABLE_NAME',
  /** The SSM path the runtime settings live under, e.g. `/userprofile/dev/`. Required. */
  configPrefix: 'CONFIG_PREFIX',
  /** The log group of the audit trail. Required. */
  auditLogGroup: 'AUDIT_LOG_GROUP',
  /**
   * How many days back an export searches the audit log group (`FilterLogEvents`), on functions
   * with the `auditTrailSearch` part. @default 90 (the adapter's `DEFAULT_AUDIT_SEARCH_DAYS`)
   */
  auditSearchDays: 'AUDIT_SEARCH_DAYS',
  /** The Secrets Manager secret of the page-cursor keys. Required on functions of paged routes. */
  cursorSecretArn: 'CURSOR_SECRET_ARN',
  /** The Secrets Manager secret of the audit trail's pseudonym key. Required: every function audits. */
  pseudonymSecretArn: 'PSEUDONYM_SECRET_ARN',
  /** The `Idempotency-Key` records' table. Required on functions of write routes. */
  idempotencyTableName: 'IDEMPOTENCY_TABLE_NAME',
  /** How long an in-flight claim holds its key: the function's timeout, in seconds. */
  idempotencyInFlightSeconds: 'IDEMPOTENCY_IN_FLIGHT_SECONDS',
  /** How long a completed request's answer is replayed, in seconds. */
  idempotencyReplaySeconds: 'IDEMPOTENCY_REPLAY_SECONDS',
  /**
   * The `iss` of the administrators' user pool's tokens. Required: without it no token could be
   * told an administrator's, and a function that silently had no administrators would hide the
   * deployment mistake.
   */
  adminIssuer: 'ADMIN_ISSUER',
  /** The end users' Cognito user pool id. Required on functions that delete accounts (`accountDirectory`). */
  userPoolId: 'USER_POOL_ID',
  /** The profile events' EventBridge bus name. Required on functions that publish (`eventBus`). */
  eventBusName: 'EVENT_BUS_NAME',
  /** Powertools' log level. @default INFO */
  logLevel: 'LOG_LEVEL',
  /** Powertools' service name. */
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  /** Set by the Lambda runtime. */
  region: 'AWS_REGION',
  /** Set by the Lambda runtime: the function's name, which starts each of its audit streams' names. */
  functionName: 'AWS_LAMBDA_FUNCTION_NAME',
} as const;

/** The name of one variable of {@link LAMBDA_ENV}. */
export type LambdaEnvName = (typeof LAMBDA_ENV)[keyof typeof LAMBDA_ENV];
