import { ArnFormat, Aws, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { LAMBDA_ENV } from '@userprofile/http-lambda/contract';
import { Construct } from 'constructs';

import type { RouteFunction } from './route-functions';

/** The only actions a function may take on the audit log group: add records, never read or change them. */
export const AUDIT_WRITE_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'] as const;

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
 * logs. "Narrower" concretely: the group is encrypted with a key of its own, so reading a record
 * takes `kms:Decrypt` on that key as well as `logs:GetLogEvents`/`FilterLogEvents`. The key
 * policy lets CloudWatch Logs use it for this group only and otherwise defers to IAM; no
 * policy of this stack grants Decrypt to anyone, and no log resource policy names the group.
 * So a role with broad log read access (e.g. CloudWatchLogsReadOnlyAccess, which grants no
 * kms:Decrypt) reads the service logs but not the audit records; an auditor needs a policy that
 * names this key. The functions may only add records (CreateLogStream, PutLogEvents).
 */
export class AuditLog extends Construct {
  readonly logGroup: logs.LogGroup;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AuditLogProps) {
    super(scope, id);
    const logGroupName = auditLogGroupName(props.environmentName);
    this.key = new kms.Key(this, 'Key', {
      description: `userprofile ${props.environmentName}: encrypts the audit log group ${logGroupName}`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    const logGroupArn = Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
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
  }

  /** Lets a function add records (and tells it where): CreateLogStream and PutLogEvents on this group only. */
  grantWrite(fn: RouteFunction): void {
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: [...AUDIT_WRITE_ACTIONS], resources: [this.logGroup.logGroupArn] }),
    );
    fn.function.addEnvironment(LAMBDA_ENV.auditLogGroup, this.logGroup.logGroupName);
    const policy = fn.role.node.findChild('DefaultPolicy');
    Validations.of(policy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.logGroup.node.defaultChild as logs.CfnLogGroup)}.Arn>]`,
      reason:
        "The audit group's ARN ends in :* (its streams): each execution environment writes a stream of its own, named at run time.",
    });
  }
}
