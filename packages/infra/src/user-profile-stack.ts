import { CfnOutput, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { RouteDefinition } from '@userprofile/http-lambda/routes';
import { LAMBDA_ENV } from '@userprofile/http-lambda/contract';
import { POST_CONFIRMATION } from '@userprofile/identity-lambda/triggers';
import type { Construct } from 'constructs';

import { resolveServiceSettings, type RawServiceSettings, type ServiceSettings } from './config';
import { ApiFirewall } from './constructs/api-firewall';
import { AuditLog, searchesAuditTrail } from './constructs/audit-log';
import { CursorSecret, signsCursors } from './constructs/cursor-secret';
import { DataKey } from './constructs/data-key';
import { PseudonymSecret } from './constructs/pseudonym-secret';
import { TableMaintainer } from './constructs/table-maintainer';
import { IdempotencyRecords, readsIdempotencyRecords } from './constructs/idempotency-records';
import { ProfileEvents } from './constructs/profile-events';
import { RefusalSignals } from './constructs/refusal-signals';
import { ServiceMonitoring } from './constructs/service-monitoring';
import { UserProfileApi } from './constructs/user-profile-api';
import { UserProfileData } from './constructs/user-profile-data';
import { signUpFailuresOf } from './constructs/sign-up-monitoring';
import { UserPoolTriggers } from './constructs/user-pool-triggers';

export interface UserProfileStackProps extends StackProps {
  /** Deployment settings, validated here. @default DEFAULT_SERVICE_SETTINGS */
  readonly settings?: RawServiceSettings;
  /** The routes to deploy. @default ROUTES, the route table */
  readonly routes?: readonly RouteDefinition[];
  /** Where the routes' entry modules live. @default http-lambda's src/ */
  readonly handlerSourceDir?: string;
}

/** `userprofile-{env}`: the stack name every export is prefixed with. */
export const userProfileStackName = (environmentName: string): string => `userprofile-${environmentName}`;

/**
 * The whole service for one environment: data (table, settings), API (Cognito, REST API,
 * one function per route) and monitoring, with the outputs other stacks and scripts import.
 */
export class UserProfileStack extends Stack {
  readonly settings: ServiceSettings;
  readonly data: UserProfileData;
  readonly service: UserProfileApi;
  readonly events: ProfileEvents;
  readonly monitoring: ServiceMonitoring;
  readonly idempotency: IdempotencyRecords;
  readonly cursorSecret: CursorSecret;
  readonly auditLog: AuditLog;
  /** 401s counted from the access log, refusal records ranked by actor from the audit trail. */
  readonly refusals: RefusalSignals;
  /** The HMAC key of the audit trail's pseudonyms: read by every function, the audit reader and the table maintainer. */
  readonly pseudonymSecret: PseudonymSecret;
  /** The customer-managed key of the profile and idempotency tables. */
  readonly dataKey: DataKey;
  /** The role `pnpm migrate` runs as: the data key names it, so it is the operators' one way into the table. */
  readonly tableMaintainer: TableMaintainer;
  /** The end users' pool's triggers (post-confirmation: the profile at sign-up). */
  readonly userPoolTriggers: UserPoolTriggers;
  /** The WAF web ACL on the stage; undefined when `-c waf=false` turned it off. */
  readonly firewall: ApiFirewall | undefined;

  constructor(scope: Construct, id: string, props: UserProfileStackProps = {}) {
    const settings = resolveServiceSettings(props.settings);
    super(scope, id, {
      stackName: userProfileStackName(settings.environmentName),
      description: `User profiles service (${settings.environmentName}): API Gateway, Lambda, DynamoDB, Cognito`,
      ...props,
    });
    this.settings = settings;
    const env = settings.environmentName;
    // dev is disposable (its logs and user pool go with the stack); every other environment keeps
    // them. The table is retained everywhere (UserProfileData): it may hold the original's data.
    const removalPolicy = env === 'dev' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    this.dataKey = new DataKey(this, 'DataKey', { environmentName: env });
    this.data = new UserProfileData(this, 'Data', {
      encryptionKey: this.dataKey.key,
      environmentName: env,
      billingMode: settings.billingMode,
      readCapacity: settings.readCapacity,
      writeCapacity: settings.writeCapacity,
      maxCapacity: settings.maxCapacity,
      corsAllowedOrigins: settings.corsAllowedOrigins,
      deletionProtection: env !== 'dev',
    });

    this.service = new UserProfileApi(this, 'Api', {
      environmentName: env,
      table: this.data.table,
      indexName: this.data.emailIndexName,
      settings: this.data,
      logRetention: settings.logRetentionDays,
      accessLogRetention: settings.accessLogRetentionDays,
      removalPolicy,
      corsAllowedOrigins: settings.corsAllowedOrigins,
      executionLogLevel: settings.executionLogLevel,
      throttlingRateLimit: settings.throttlingRateLimit,
      throttlingBurstLimit: settings.throttlingBurstLimit,
      ...(props.routes && { routes: props.routes }),
      ...(props.handlerSourceDir && { handlerSourceDir: props.handlerSourceDir }),
    });
    this.data.addParameter('api/endpoint', this.service.url);
    this.userPoolTriggers = new UserPoolTriggers(this, 'UserPoolTriggers', {
      environmentName: env,
      userPool: this.service.auth.userPool,
      table: this.data.table,
      indexName: this.data.emailIndexName,
      claimLegacyProfiles: settings.claimLegacyProfiles,
      logRetention: settings.logRetentionDays,
      logRemovalPolicy: removalPolicy,
    });
    for (const fn of this.userPoolTriggers.functions.values()) this.dataKey.grantTableUse(fn);

    this.events = new ProfileEvents(this, 'Events', {
      environmentName: env,
      table: this.data.table,
      logRetention: settings.logRetentionDays,
      logRemovalPolicy: removalPolicy,
    });
    this.idempotency = new IdempotencyRecords(this, 'Idempotency', {
      environmentName: env,
      encryptionKey: this.dataKey.key,
    });
    this.idempotency.useFrom(this.service.functions.values());
    this.events.publishFrom(this.service.functions.values());
    // An erasure deletes end users' sign-in accounts: AdminDeleteUser on their pool only, never the administrators'.
    for (const fn of this.service.functions.values()) {
      if (!fn.routes.some((route) => route.parts.includes('accountDirectory'))) continue;
      this.service.auth.userPool.grant(fn, 'cognito-idp:AdminDeleteUser');
      fn.function.addEnvironment(LAMBDA_ENV.userPoolId, this.service.auth.userPool.userPoolId);
    }
    // The data key names each role that reads or writes a table, and the stream's reader.
    for (const fn of this.service.functions.values()) {
      const usesTable = fn.tableActions.length + fn.indexActions.length > 0;
      const usesIdempotencyRecords = fn.routes.some((route) => route.idempotent) || readsIdempotencyRecords(fn.routes);
      if (usesTable || usesIdempotencyRecords) this.dataKey.grantTableUse(fn);
    }
    this.dataKey.grantStreamRead(this.events.publisher);
    this.tableMaintainer = new TableMaintainer(this, 'Maintenance', {
      environmentName: env,
      table: this.data.table,
      dataKey: this.dataKey,
      userPool: this.service.auth.userPool,
    });
    // Only the functions that sign page cursors can read their keys.
    this.cursorSecret = new CursorSecret(this, 'CursorSecret', { environmentName: env });
    for (const fn of this.service.functions.values()) {
      if (signsCursors(fn.routes)) this.cursorSecret.grantSigning(fn);
    }
    // Every function audits: deletes and administrators' actions on others' profiles reach all of them.
    this.auditLog = new AuditLog(this, 'AuditLog', {
      environmentName: env,
      retention: settings.auditLogRetentionDays,
      removalPolicy,
    });
    for (const fn of this.service.functions.values()) this.auditLog.grantWrite(fn);
    // Only an export searches it: one user's records, decrypted through CloudWatch Logs.
    for (const fn of this.service.functions.values()) {
      if (searchesAuditTrail(fn.routes)) this.auditLog.grantSearch(fn);
    }
    this.refusals = new RefusalSignals(this, 'Refusals', {
      environmentName: env,
      accessLogGroup: this.service.accessLogGroup,
      auditLog: this.auditLog,
    });
    // Every function pseudonymises the targets of its records; the reader matches them, the
    // migration's report names legacy ids by them.
    this.pseudonymSecret = new PseudonymSecret(this, 'AuditPseudonyms', { environmentName: env, removalPolicy });
    for (const fn of this.service.functions.values()) this.pseudonymSecret.grantPseudonymising(fn);
    this.pseudonymSecret.grantRead(this.auditLog.reader);
    this.pseudonymSecret.grantRead(this.tableMaintainer.role);

    this.monitoring = new ServiceMonitoring(this, 'Monitoring', {
      environmentName: env,
      stage: this.service.api.deploymentStage,
      functions: [
        ...[...this.service.functions].map(([name, fn]) => ({ name, function: fn.function })),
        { name: 'PublishProfileChanges', function: this.events.publisher.function },
        ...[...this.userPoolTriggers.functions].map(([name, fn]) => ({ name, function: fn.function })),
      ],
      profileEvents: {
        publisher: this.events.publisher.function,
        deadLetterQueue: this.events.deadLetterQueue,
      },
      table: this.data.table,
      indexName: this.data.emailIndexName,
      latencyP99ThresholdMs: settings.latencyP99ThresholdMs,
      refusals: {
        unauthorizedRequests: this.refusals.unauthorizedRequests,
        mostRefusalsFromOneCaller: this.refusals.mostRefusalsFromOneCaller,
        burstThreshold: settings.refusalBurstThreshold,
      },
      signUpFailures: signUpFailuresOf(`${POST_CONFIRMATION.functionName}-${env}`),
      ...(settings.alarmEmail && { alarmEmail: settings.alarmEmail }),
    });

    const stage = this.service.api.deploymentStage;
    if (settings.wafEnabled) {
      this.firewall = new ApiFirewall(this, 'Firewall', {
        environmentName: env,
        stage,
        rateLimitPerIp: settings.wafRateLimit,
        alarmTopic: this.monitoring.alarmTopic,
        logRetention: settings.logRetentionDays,
        logRemovalPolicy: removalPolicy,
      });
    } else {
      this.firewall = undefined;
      Validations.of(stage).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason:
          'WAF turned off for this stack with -c waf=false (a dev stack, to save its cost): the stage throttle and Cognito still apply.',
      });
    }

    // Export names are the original stack's: its consumers `ImportValue` them by name.
    const output = (id: string, value: string, description: string, exportSuffix = id) =>
      new CfnOutput(this, id, { value, description, exportName: `${this.stackName}-${exportSuffix}` });
    output('APIEndpoint', this.service.url, 'Base URL of the API stage (no trailing slash)');
    output('DynamoDBTableName', this.data.table.tableName, 'Profile table name', 'DynamoDBTable');
    output('DynamoDBTableArn', this.data.table.tableArn, 'Profile table ARN');
    output('EventBusName', this.events.eventBus.eventBusName, 'EventBridge bus of profile change events');
    output('UserPoolId', this.service.auth.userPool.userPoolId, 'Cognito user pool id');
    output(
      'UserPoolClientId',
      this.service.auth.userPoolClient.userPoolClientId,
      'Cognito app client id (mobile apps)',
    );
    const { adminPool } = this.service.auth;
    output('AdminUserPoolId', adminPool.userPool.userPoolId, "Administrators' Cognito user pool id (MFA required)");
    output('AdminUserPoolClientId', adminPool.consoleClient.userPoolClientId, 'Cognito app client id (admin console)');
    output(
      'TableMaintainerRoleArn',
      this.tableMaintainer.role.roleArn,
      'Role to assume (with MFA) to run pnpm migrate',
    );
  }
}
