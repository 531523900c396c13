import { InvalidServiceSettingError, type RawServiceSettings, type ServiceSettings } from './config';

/* How the CDK context (`cdk synth -c key=value`, cdk.json) names the service's settings; the
   rules they must follow are config.ts's. */

/** The context keys {@link resolveServiceSettings} reads, as docs/deploying.md documents them. */
export const SERVICE_CONTEXT_KEYS = {
  environmentName: 'env',
  billingMode: 'billingMode',
  readCapacity: 'readCapacity',
  writeCapacity: 'writeCapacity',
  maxCapacity: 'maxCapacity',
  logRetentionDays: 'logRetentionDays',
  accessLogRetentionDays: 'accessLogRetentionDays',
  auditLogRetentionDays: 'auditLogRetentionDays',
  corsAllowedOrigins: 'corsAllowedOrigins',
  executionLogLevel: 'executionLogLevel',
  throttlingRateLimit: 'throttlingRateLimit',
  throttlingBurstLimit: 'throttlingBurstLimit',
  latencyP99ThresholdMs: 'latencyP99ThresholdMs',
  refusalBurstThreshold: 'refusalBurstThreshold',
  alarmEmail: 'alarmEmail',
  wafEnabled: 'waf',
  wafRateLimit: 'wafRateLimit',
} as const satisfies Record<keyof ServiceSettings, string>;

/** The CloudFormation rule for stack names. */
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/**
 * The stack name the `stackName` context key gives (`cdk deploy -c stackName=UserProfileStack-prod`),
 * or undefined for the default `userprofile-{env}`. A team replacing the original stack may keep
 * its name, so that `${AWS::StackName}-…` imports resolve unchanged.
 */
export function stackNameFromContext(tryGetContext: (key: string) => unknown): string | undefined {
  const raw = tryGetContext('stackName');
  if (raw === undefined || raw === null || raw === '') return undefined;
  const name = String(raw).trim();
  if (!STACK_NAME.test(name)) {
    throw new InvalidServiceSettingError(
      'stackName',
      'must be 1 to 128 letters, digits or "-", starting with a letter',
    );
  }
  return name;
}

/** Reads every setting from a context lookup (e.g. `app.node.tryGetContext`). */
export const rawSettingsFromContext = (tryGetContext: (key: string) => unknown): RawServiceSettings =>
  Object.fromEntries(
    Object.entries(SERVICE_CONTEXT_KEYS).map(([setting, key]) => [setting, tryGetContext(key)]),
  ) as RawServiceSettings;
