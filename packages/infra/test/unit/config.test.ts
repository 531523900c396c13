import { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

import {
  ALLOWED_LOG_RETENTION_DAYS,
  DEFAULT_SERVICE_SETTINGS,
  InvalidServiceSettingError,
  resolveServiceSettings,
} from '../../src/config';
import { rawSettingsFromContext, stackNameFromContext } from '../../src/context-settings';
import { UserProfileStack } from '../../src/user-profile-stack';

describe('resolveServiceSettings', () => {
  it("defaults to the dev environment and the original template's provisioned 1/1 and 7 days of logs, no CORS", () => {
    // Act
    const settings = resolveServiceSettings();

    // Assess
    expect(settings).toEqual(DEFAULT_SERVICE_SETTINGS);
    expect(settings).toMatchObject({
      environmentName: 'dev',
      billingMode: 'provisioned',
      readCapacity: 1,
      writeCapacity: 1,
      logRetentionDays: 7,
    });
  });

  it('accepts command-line strings (cdk -c readCapacity=3) as well as numbers', () => {
    // Act
    const settings = resolveServiceSettings({
      environmentName: 'prod',
      billingMode: 'on-demand',
      readCapacity: '3',
      writeCapacity: 10,
      logRetentionDays: '90',
      corsAllowedOrigins: 'https://admin.example.com, https://Ops.Example.com:8443',
      executionLogLevel: 'info',
      alarmEmail: 'ops@example.com',
    });

    // Assess
    expect(settings).toMatchObject({
      environmentName: 'prod',
      billingMode: 'on-demand',
      readCapacity: 3,
      writeCapacity: 10,
      logRetentionDays: RetentionDays.THREE_MONTHS,
      corsAllowedOrigins: ['https://admin.example.com', 'https://ops.example.com:8443'],
      executionLogLevel: 'INFO',
      alarmEmail: 'ops@example.com',
    });
  });

  it.each([
    ['readCapacity', { readCapacity: 0 }],
    ['readCapacity', { readCapacity: 11 }],
    ['readCapacity', { readCapacity: '2.5' }],
    ['writeCapacity', { writeCapacity: 'lots' }],
    ['writeCapacity', { writeCapacity: -1 }],
    ['logRetentionDays', { logRetentionDays: 2 }],
    ['logRetentionDays', { logRetentionDays: 9999 }],
    ['auditLogRetentionDays', { auditLogRetentionDays: 366 }],
    ['auditLogRetentionDays', { logRetentionDays: 90, auditLogRetentionDays: 30 }],
    ['accessLogRetentionDays', { accessLogRetentionDays: 31 }],
    ['accessLogRetentionDays', { accessLogRetentionDays: 0 }],
    ['refusalBurstThreshold', { refusalBurstThreshold: 0 }],
    ['refusalBurstThreshold', { refusalBurstThreshold: '2.5' }],
    ['billingMode', { billingMode: 'PAY_AS_YOU_GO' }],
    ['environmentName', { environmentName: 'Prod!' }],
    ['environmentName', { environmentName: '' }],
    ['corsAllowedOrigins', { corsAllowedOrigins: 'admin.example.com' }],
    ['corsAllowedOrigins', { corsAllowedOrigins: ['*', 'https://a.example.com'] }],
    ['executionLogLevel', { executionLogLevel: 'DEBUG' }],
    ['maxCapacity', { readCapacity: 8, maxCapacity: 5 }],
    ['alarmEmail', { alarmEmail: 'not-an-address' }],
  ])('refuses a bad %s with an error naming it', (setting, raw) => {
    // Act
    const act = () => resolveServiceSettings(raw);

    // Assess
    expect(act).toThrow(InvalidServiceSettingError);
    expect(act).toThrow(`invalid setting "${setting}"`);
  });

  it('keeps the audit trail a year by default, and never shorter than the service logs', () => {
    expect(resolveServiceSettings().auditLogRetentionDays).toBe(RetentionDays.ONE_YEAR);
    expect(resolveServiceSettings({ logRetentionDays: 731 }).auditLogRetentionDays).toBe(RetentionDays.TWO_YEARS);
    expect(resolveServiceSettings({ auditLogRetentionDays: '3653' }).auditLogRetentionDays).toBe(
      RetentionDays.TEN_YEARS,
    );
  });

  it('keeps the access log (sub and address) 30 days by default, whatever the service logs keep, and alarms at 20 refusals', () => {
    expect(resolveServiceSettings({ logRetentionDays: 90 })).toMatchObject({
      accessLogRetentionDays: RetentionDays.ONE_MONTH,
      refusalBurstThreshold: 20,
    });
    expect(resolveServiceSettings({ accessLogRetentionDays: '7', refusalBurstThreshold: '50' })).toMatchObject({
      accessLogRetentionDays: RetentionDays.ONE_WEEK,
      refusalBurstThreshold: 50,
    });
  });

  it('offers exactly the retention periods CloudWatch Logs accepts', () => {
    // Assess
    expect(ALLOWED_LOG_RETENTION_DAYS).toEqual([
      1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]);
  });

  it('reads every setting from the CDK context under its documented key', () => {
    // Prepare
    const app = new App({
      context: { env: 'staging', readCapacity: '2', billingMode: 'on-demand', logRetentionDays: 14 },
    });

    // Act
    const settings = resolveServiceSettings(rawSettingsFromContext((key) => app.node.tryGetContext(key)));

    // Assess
    expect(settings).toMatchObject({
      environmentName: 'staging',
      readCapacity: 2,
      billingMode: 'on-demand',
      logRetentionDays: 14,
    });
  });
});

describe('UserProfileStack settings', () => {
  it('refuses bad props before creating anything', () => {
    // Prepare
    const app = new App();

    // Act
    const act = () => new UserProfileStack(app, 'Bad', { settings: { writeCapacity: 50 } });

    // Assess
    expect(act).toThrow('invalid setting "writeCapacity": must be a whole number from 1 to 10');
    expect(app.node.children).toHaveLength(0);
  });
});

describe('stackNameFromContext', () => {
  it('is undefined (the default userprofile-{env}) when no stackName is given', () => {
    expect(stackNameFromContext(() => undefined)).toBeUndefined();
  });

  it('takes a CloudFormation stack name, such as the replaced stack kept its', () => {
    expect(stackNameFromContext(() => ' UserProfileStack-prod ')).toBe('UserProfileStack-prod');
  });

  it.each(['1stack', 'user_profiles', 'a'.repeat(129)])('refuses %s, naming the setting', (name) => {
    expect(() => stackNameFromContext(() => name)).toThrow('invalid setting "stackName"');
  });
});
