import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

import { grantViaService, namedKey } from './key-policy';

/** What a function that reads or writes a table needs of its key, through DynamoDB (AWS's documented list, less CreateGrant, which only the table's creator uses). */
export const TABLE_KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
] as const;

/** What the stream reader needs: stream records are only ever decrypted. */
export const STREAM_KEY_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'] as const;

export interface DataKeyProps {
  readonly environmentName: string;
}

/**
 * The customer-managed key of the profile and idempotency tables (and so of the profile
 * table's stream). Its policy names every role that may use it, each through DynamoDB only;
 * the account may administer it (which lets CloudFormation create the tables' grants) but not
 * decrypt with it. Retained with the stack: the profile table is retained, and a table whose
 * key is gone cannot be read.
 */
export class DataKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: DataKeyProps) {
    super(scope, id);
    this.key = namedKey(this, 'Key', {
      description: `userprofile ${props.environmentName}: encrypts the profile and idempotency tables`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // DynamoDB describes the key it protects a table with (AWS's example key policy for DynamoDB).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DynamoDbDescribesTheKey',
        principals: [new iam.ServicePrincipal('dynamodb.amazonaws.com')],
        actions: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
        resources: ['*'],
      }),
    );
  }

  /** Lets `grantee` read and write the tables this key encrypts, through DynamoDB only. */
  grantTableUse(grantee: iam.IGrantable): iam.Grant {
    return grantViaService(this.key, grantee, {
      sid: `TableUse${sidOf(grantee)}`,
      actions: TABLE_KEY_ACTIONS,
      conditions: viaDynamoDb(),
    });
  }

  /** Lets `grantee` decrypt the profile table's stream records, through DynamoDB only. */
  grantStreamRead(grantee: iam.IGrantable): iam.Grant {
    return grantViaService(this.key, grantee, {
      sid: `StreamRead${sidOf(grantee)}`,
      actions: STREAM_KEY_ACTIONS,
      conditions: viaDynamoDb(),
    });
  }
}

/** Tables and their streams both call KMS as DynamoDB in the stack's region, for this account's callers. */
const viaDynamoDb = (): iam.Conditions => ({
  StringEquals: { 'kms:ViaService': `dynamodb.${Aws.REGION}.amazonaws.com`, 'kms:CallerAccount': Aws.ACCOUNT_ID },
});

/** A statement id for a grantee: its construct id, letters and digits only (Sid's alphabet). */
export const sidOf = (grantee: iam.IGrantable): string =>
  grantee instanceof Construct ? grantee.node.id.replace(/[^A-Za-z0-9]/g, '') : 'Grantee';
