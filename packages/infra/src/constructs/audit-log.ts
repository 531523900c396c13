import { ArnFormat, Aws, type RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { LAMBDA_ENV } from '@userprofile/http-lambda/contract';
import { Construct } from 'constructs';

import { sidOf } from './data-key';
import { grantViaService, namedKey } from './key-policy';
import type { RouteFunction } from './route-functions';

/** The only actions a function may take on the audit log group: add records, never read or change them. */
export const AUDIT_WRITE_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'] as const;

/** What the audit reader may do on the group: find the streams and read or search their records. */
export const AUDIT_READ_ACTIONS = ['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents'] as const;

/** What a function that searches the trail (an export) may do on the group: search it, nothing else. */
export const AUDIT_SEARCH_ACTIONS = ['logs:FilterLogEvents'] as const;

/** Whether a function's rows search the audit trail (their `parts` say so): an export does. */
export const searchesAuditTrail = (routes: readonly { readonly parts: readonly string[] }[]): boolean =>
  routes.some((route) => route.parts.includes('auditTrailSearch'));

/** `/userprofile/{env}/audit`. */
export const auditLogGroupName = (environmentName: string): string => `/userprofile/${environmentName}/audit`;

export interface AuditLogProps {
  readonly environmentName: string;
  /** How long audit records are kept: longer than the service logs. */
  readonly retention: logs.RetentionDays;
  /** What happens to the log group and its key when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The audit trail's log group: its own retention, and a narrower read policy than the service
 * logs. The group is encrypted with a key of its own whose policy names everyone who may use
 * it: CloudWatch Logs for this group only, the functions to encrypt (through CloudWatch Logs,
 * for this group), one reader role, `AuditReader`, to decrypt, and the functions that search the
 * trail for one user's records (an export) to decrypt what they search, through CloudWatch Logs. The account may administer
 * the key but not use it, so no IAM policy (CloudWatchLogsReadOnlyAccess, or `kms:Decrypt` on
 * `*`) can read the records. Each function may add records to streams named after itself only
 * (`{functionName}/...`), so one function cannot write records in another's name.
 */
export class AuditLog extends Construct {
  readonly logGroup: logs.LogGroup;
  readonly key: kms.Key;
  /** `/userprofile/{env}/audit`. */
  readonly logGroupName: string;
  /** The one role that may decrypt the records: assumable by the account's principals with MFA. */
  readonly reader: iam.Role;
  /** Use of the key through CloudWatch Logs, for this group only. */
  private readonly viaLogs: iam.Conditions;

  constructor(scope: Construct, id: string, props: AuditLogProps) {
    super(scope, id);
    const logGroupName = auditLogGroupName(props.environmentName);
    this.logGroupName = logGroupName;
    this.key = namedKey(this, 'Key', {
      description: `userprofile ${props.environmentName}: encrypts the audit log group ${logGroupName}`,
      removalPolicy: props.removalPolicy,
    });
    const logGroupArn = this.arnOf(logGroupName);
    this.viaLogs = {
      StringEquals: { 'kms:ViaService': `logs.${Aws.REGION}.amazonaws.com` },
      ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn },
    };
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsForTheAuditGroupOnly',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
      }),
    );
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName,
      retention: props.retention,
      encryptionKey: this.key,
      removalPolicy: props.removalPolicy,
    });
    // CloudWatch Logs checks the key policy when the group is created with the key.
    this.logGroup.node.addDependency(this.key);

    this.reader = new iam.Role(this, 'AuditReader', {
      description: `Reads the userprofile ${props.environmentName} audit trail; assumed with MFA`,
      assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    });
    this.logGroup.grant(this.reader, ...AUDIT_READ_ACTIONS);
    grantViaService(this.key, this.reader, {
      sid: 'AuditReaderDecrypts',
      actions: ['kms:Decrypt', 'kms:DescribeKey'],
      conditions: this.viaLogs,
    });
    Validations.of(this.reader).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.logGroup.node.defaultChild as logs.CfnLogGroup)}.Arn>]`,
      reason:
        "The audit group's ARN ends in :* (its streams): the reader reads every function's stream of this group, and nothing else.",
    });
  }

  /**
   * Lets a function add records (and tells it where): CreateLogStream and PutLogEvents on its
   * own streams of this group only (`{functionName}/*`), and encrypt only, through CloudWatch
   * Logs, in the key policy.
   */
  grantWrite(fn: RouteFunction): void {
    const functionName = physicalNameOf(fn.function);
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: [...AUDIT_WRITE_ACTIONS], resources: [this.streamsArnOf(functionName)] }),
    );
    grantViaService(this.key, fn, {
      sid: `AuditWrite${sidOf(fn)}`,
      actions: ['kms:Encrypt', 'kms:GenerateDataKey*'],
      conditions: this.viaLogs,
    });
    fn.function.addEnvironment(LAMBDA_ENV.auditLogGroup, this.logGroup.logGroupName);
    const policy = fn.role.node.findChild('DefaultPolicy');
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${this.logGroupName}:log-stream:${functionName}/*]`,
      reason:
        'Streams named after this function only (`{functionName}/{date}/{id}`): each execution environment writes a stream of its own, named at run time.',
    });
  }

  /**
   * Lets a function search the trail (an export: one user's records): FilterLogEvents on this
   * group only, and decrypt through CloudWatch Logs, for this group only, in the key policy.
   */
  grantSearch(fn: RouteFunction): void {
    this.logGroup.grant(fn, ...AUDIT_SEARCH_ACTIONS);
    grantViaService(this.key, fn, {
      sid: `AuditSearch${sidOf(fn)}`,
      actions: ['kms:Decrypt'],
      conditions: this.viaLogs,
    });
    fn.function.addEnvironment(LAMBDA_ENV.auditLogGroup, this.logGroup.logGroupName);
    Validations.of(fn.role.node.findChild('DefaultPolicy')).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.logGroup.node.defaultChild as logs.CfnLogGroup)}.Arn>]`,
      reason:
        "The audit group's ARN ends in :* (its streams): FilterLogEvents searches every function's stream of this group, and nothing else.",
    });
  }

  /** `arn:...:log-group:{group}:log-stream:{functionName}/*`: the streams one function may write. */
  streamsArnOf(functionName: string): string {
    return this.arnOf(`${this.logGroupName}:log-stream:${functionName}/*`);
  }

  private arnOf(resourceName: string): string {
    return Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }
}

/** The name the function is deployed under (Lambda's AWS_LAMBDA_FUNCTION_NAME), as a literal. */
function physicalNameOf(fn: lambda.Function): string {
  // Not `fn.functionName`: a Ref to the function in its own role's policy would be a cycle.
  const name = (fn.node.defaultChild as lambda.CfnFunction).functionName;
  if (name === undefined || Token.isUnresolved(name)) {
    throw new Error(`AuditLog: ${fn.node.path} needs a literal functionName to name its audit streams`);
  }
  return name;
}
