import * as iam from 'aws-cdk-lib/aws-iam';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

import type { DataKey } from './data-key';

export interface TableMaintainerProps {
  readonly environmentName: string;
  /** The profile table `pnpm migrate` brings to the current shape. */
  readonly table: dynamodb.ITable;
  /** The table's key: its policy must name whoever reads or writes the table. */
  readonly dataKey: DataKey;
  /** The end users' pool, where `pnpm migrate --user-pool-id` finds each profile's owner by email. */
  readonly userPool: cognito.IUserPool;
}

/**
 * The role an operator assumes (with MFA) to run `pnpm migrate` on the profile table. The data
 * key's policy names its users and no one else, so an operator's own credentials, however broad,
 * cannot read the table: this role is the one way in, with exactly what the migration calls
 * (DescribeTable for pacing, Scan, GetItem, PutItem, DeleteItem, and Cognito's ListUsers).
 */
export class TableMaintainer extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: TableMaintainerProps) {
    super(scope, id);
    this.role = new iam.Role(this, 'TableMaintainer', {
      description: `Runs pnpm migrate on the userprofile ${props.environmentName} profile table; assumed with MFA`,
      assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'dynamodb:DescribeTable',
          'dynamodb:Scan',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:DeleteItem',
        ],
        resources: [props.table.tableArn],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['cognito-idp:ListUsers'], resources: [props.userPool.userPoolArn] }),
    );
    props.dataKey.grantTableUse(this.role);
  }
}
