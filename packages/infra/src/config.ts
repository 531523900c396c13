import { checkOrigins, checkWholeNumber } from '@userprofile/http-lambda/contract';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** How the table pays for throughput. */
export type TableBillingMode = 'on-demand' | 'provisioned';

/** Execution-log levels the API stage may use; data tracing stays off at both. */
export type ExecutionLogLevel = 'INFO' | 'ERROR';

/**
 * The deployment's typed settings: the original template's parameters plus what the service
 * added. Every field is validated by {@link resolveServiceSettings}.
 */
export interface ServiceSettings {
  /** Environment suffix of every name (`user-profiles-{env}`); also the API stage name. */
  readonly environmentName: string;
  readonly billingMode: TableBillingMode;
  /** Provisioned read capacity units, 1..10 (also the auto scaling floor). */
  readonly readCapacity: number;
  /** Provisioned write capacity units, 1..10 (also the auto scaling floor). */
  readonly writeCapacity: number;
  /** Ceiling of provisioned auto scaling, at least the larger of the two capacities. */
  readonly maxCapacity: number;
  /** Days CloudWatch keeps function logs: one of CloudWatch's allowed values. */
  readonly logRetentionDays: RetentionDays;
  /** Days CloudWatch keeps the stage's access log, which holds callers' `sub`s and source addresses. */
  readonly accessLogRetentionDays: RetentionDays;
  /** Days CloudWatch keeps the audit trail: one of CloudWatch's allowed values, at least `logRetentionDays`. */
  readonly auditLogRetentionDays: RetentionDays;
  /** Origins allowed by CORS (preflight and the handlers' headers); empty means none. */
  readonly corsAllowedOrigins: readonly string[];
  readonly executionLogLevel: ExecutionLogLevel;
  /** Steady-state requests per second the stage admits. */
  readonly throttlingRateLimit: number;
  /** Burst the stage admits above the steady rate. */
  readonly throttlingBurstLimit: number;
  /** The p99 latency, in milliseconds, above which the latency alarm fires. */
  readonly latencyP99ThresholdMs: number;
  /** Refusals (403s) of one caller within 5 minutes at which the refusal-burst alarm fires, 1..10,000. */
  readonly refusalBurstThreshold: number;
  /** Where alarm notifications are mailed, if anywhere. */
  readonly alarmEmail?: string;
  /** Whether a WAF web ACL guards the stage (`-c waf=false` drops it, e.g. for a dev stack). */
  readonly wafEnabled: boolean;
  /** Requests one IP may send in 5 minutes before WAF blocks it, 10..2,000,000,000 (WAF's range). */
  readonly wafRateLimit: number;
}

export const DEFAULT_SERVICE_SETTINGS: ServiceSettings = {
  environmentName: 'dev',
  billingMode: 'provisioned',
  // The original template's defaults (1/1, 7 days): a stack that replaces it keeps its costs.
  readCapacity: 1,
  writeCapacity: 1,
  maxCapacity: 50,
  logRetentionDays: RetentionDays.ONE_WEEK,
  auditLogRetentionDays: RetentionDays.ONE_YEAR,
  // Long enough to trace a probe reported weeks later; short, as source addresses may be personal data.
  accessLogRetentionDays: RetentionDays.ONE_MONTH,
  corsAllowedOrigins: [],
  executionLogLevel: 'ERROR',
  throttlingRateLimit: 50,
  throttlingBurstLimit: 100,
  latencyP99ThresholdMs: 1000,
  // A person who mistypes gets a refusal or two; 20 in 5 minutes is a client walking other ids.
  refusalBurstThreshold: 20,
  wafEnabled: true,
  // 1000 per 5 minutes is ~3.3 requests per second sustained from one address: far above what
  // people behind one app do (a screen makes a handful of calls), with room for a carrier NAT
  // that puts many phones behind one IP, yet one address gets at most ~7% of the stage's
  // 15,000 requests per 5 minutes (50 rps).
  wafRateLimit: 1000,
};

/** The retention periods CloudWatch Logs accepts (never-expire is not offered: logs must age out). */
export const ALLOWED_LOG_RETENTION_DAYS: readonly number[] = Object.values(RetentionDays)
  .filter((value): value is number => typeof value === 'number' && value !== RetentionDays.INFINITE)
  .sort((a, b) => a - b);

/** A setting breaks its rule; the message names the setting and the rule, never a secret. */
export class InvalidServiceSettingError extends Error {
  constructor(
    readonly setting: string,
    rule: string,
  ) {
    super(`invalid setting "${setting}": ${rule}`);
    this.name = 'InvalidServiceSettingError';
  }
}

const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Settings as the CDK context gives them (`cdk synth -c readCapacity=3`): strings from the
 * command line, numbers/arrays from cdk.json.
 */
export type RawServiceSettings = Partial<Record<keyof ServiceSettings, unknown>>;

/**
 * Validated settings from raw values, defaults for what is absent. Throws
 * {@link InvalidServiceSettingError} for the first value that breaks its rule, so a bad
 * deployment parameter stops synth instead of reaching CloudFormation.
 */
export function resolveServiceSettings(raw: RawServiceSettings = {}): ServiceSettings {
  const d = DEFAULT_SERVICE_SETTINGS;
  const environmentName = text(raw.environmentName, d.environmentName);
  if (!ENVIRONMENT_NAME.test(environmentName)) {
    throw new InvalidServiceSettingError(
      'environmentName',
      'must be 1 to 20 lower-case letters, digits or "-", starting with a letter',
    );
  }
  const billingMode = text(raw.billingMode, d.billingMode);
  if (billingMode !== 'on-demand' && billingMode !== 'provisioned') {
    throw new InvalidServiceSettingError('billingMode', 'must be "on-demand" or "provisioned"');
  }
  const readCapacity = integer('readCapacity', raw.readCapacity, d.readCapacity, 1, 10);
  const writeCapacity = integer('writeCapacity', raw.writeCapacity, d.writeCapacity, 1, 10);
  const maxCapacity = integer(
    'maxCapacity',
    raw.maxCapacity,
    d.maxCapacity,
    Math.max(readCapacity, writeCapacity),
    40_000,
  );
  const logRetentionDays = retention('logRetentionDays', raw.logRetentionDays, d.logRetentionDays);
  const accessLogRetentionDays = retention(
    'accessLogRetentionDays',
    raw.accessLogRetentionDays,
    d.accessLogRetentionDays,
  );
  const auditLogRetentionDays = retention(
    'auditLogRetentionDays',
    raw.auditLogRetentionDays,
    // The trail outlives the service logs: never shorter than them, a year unless they are longer.
    Math.max(d.auditLogRetentionDays, logRetentionDays),
    logRetentionDays,
  );
  const corsAllowedOrigins = origins(raw.corsAllowedOrigins);
  const executionLogLevel = text(raw.executionLogLevel, d.executionLogLevel).toUpperCase();
  if (executionLogLevel !== 'INFO' && executionLogLevel !== 'ERROR') {
    throw new InvalidServiceSettingError('executionLogLevel', 'must be "INFO" or "ERROR"');
  }
  const throttlingRateLimit = integer('throttlingRateLimit', raw.throttlingRateLimit, d.throttlingRateLimit, 1, 10_000);
  const throttlingBurstLimit = integer(
    'throttlingBurstLimit',
    raw.throttlingBurstLimit,
    d.throttlingBurstLimit,
    1,
    5_000,
  );
  const latencyP99ThresholdMs = integer(
    'latencyP99ThresholdMs',
    raw.latencyP99ThresholdMs,
    d.latencyP99ThresholdMs,
    50,
    29_000,
  );
  const refusalBurstThreshold = integer(
    'refusalBurstThreshold',
    raw.refusalBurstThreshold,
    d.refusalBurstThreshold,
    1,
    10_000,
  );
  const alarmEmail =
    raw.alarmEmail === undefined || raw.alarmEmail === null || raw.alarmEmail === ''
      ? undefined
      : text(raw.alarmEmail, '');
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) {
    throw new InvalidServiceSettingError('alarmEmail', 'must be an email address');
  }
  const wafEnabled = flag('wafEnabled', raw.wafEnabled, d.wafEnabled);
  const wafRateLimit = integer('wafRateLimit', raw.wafRateLimit, d.wafRateLimit, 10, 2_000_000_000);
  return {
    environmentName,
    billingMode,
    readCapacity,
    writeCapacity,
    maxCapacity,
    logRetentionDays,
    accessLogRetentionDays,
    auditLogRetentionDays,
    corsAllowedOrigins,
    executionLogLevel,
    throttlingRateLimit,
    throttlingBurstLimit,
    latencyP99ThresholdMs,
    refusalBurstThreshold,
    ...(alarmEmail !== undefined && { alarmEmail }),
    wafEnabled,
    wafRateLimit,
  };
}

/** `true`/`false` from cdk.json, or the strings `-c key=true|false` gives. */
function flag(setting: keyof ServiceSettings, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  const word = String(value).trim().toLowerCase();
  if (word === 'true') return true;
  if (word === 'false') return false;
  throw new InvalidServiceSettingError(setting, 'must be true or false');
}

function text(value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  return String(value).trim();
}

function integer(setting: keyof ServiceSettings, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const checked = checkWholeNumber(typeof value === 'number' ? value : String(value), min, max);
  if (!checked.ok) throw new InvalidServiceSettingError(setting, checked.rule);
  return checked.value;
}

/** A retention in days, at least `min`: one of the values CloudWatch Logs accepts. */
function retention(setting: keyof ServiceSettings, value: unknown, fallback: number, min = 1): RetentionDays {
  const days = integer(setting, value, fallback, min, 3653);
  if (!ALLOWED_LOG_RETENTION_DAYS.includes(days)) {
    throw new InvalidServiceSettingError(
      setting,
      `must be one of CloudWatch's values: ${ALLOWED_LOG_RETENTION_DAYS.join(', ')}`,
    );
  }
  return days as RetentionDays;
}

function origins(value: unknown): readonly string[] {
  if (value === undefined || value === null || value === '') return DEFAULT_SERVICE_SETTINGS.corsAllowedOrigins;
  // The functions' own rule for their SSM value, so synth refuses what they would refuse.
  const checked = checkOrigins(Array.isArray(value) ? value.map(String) : String(value));
  if (!checked.ok) throw new InvalidServiceSettingError('corsAllowedOrigins', checked.rule);
  return checked.value;
}
