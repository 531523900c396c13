import * as path from 'node:path';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { TRIGGER_ENV, TRIGGERS, type TriggerDefinition } from '@userprofile/identity-lambda/triggers';
import { Construct } from 'constructs';

import { ServiceFunction } from './service-function';

/** Where the trigger table's `entry` paths are relative to: identity-lambda's `src/`. */
export const TRIGGER_SOURCE_DIR = path.dirname(require.resolve('@userprofile/identity-lambda/triggers'));

/**
 * Cognito waits at most 5 s for a trigger and then fails the sign-up: the function must end
 * (with its own answer: the sign-up goes on) before that, SDK retries included.
 */
export const TRIGGER_TIMEOUT = Duration.seconds(5);

export interface UserPoolTriggersProps {
  /** Environment suffix: each function is `{functionName}-{env}`. */
  readonly environmentName: string;
  /** The end users' pool: the triggers are attached to it, and its accounts are the claim's check. */
  readonly userPool: cognito.UserPool;
  /** The profile table; each function may do exactly its row's `tableActions` on it. */
  readonly table: dynamodb.ITable;
  /** The table's email index; each function may do exactly its row's `indexActions` on it. */
  readonly indexName: string;
  /** Whether a sign-up claims a legacy profile with its verified email (`-c claimLegacyProfiles`). */
  readonly claimLegacyProfiles: boolean;
  /** How long the functions' logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** What happens to the log groups when the stack is deleted. @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** The trigger table's rows. @default TRIGGERS */
  readonly triggers?: readonly TriggerDefinition[];
}

/**
 * The user pool's triggers, one per row of the trigger table: a {@link ServiceFunction} running
 * the row's entry, allowed exactly its table and index actions and, while claiming is on, its
 * user-pool actions on this pool only, attached to the pool as the row's `trigger`.
 */
export class UserPoolTriggers extends Construct {
  /** Each trigger's function, by its row's `functionName`. */
  readonly functions: ReadonlyMap<string, ServiceFunction>;

  constructor(scope: Construct, id: string, props: UserPoolTriggersProps) {
    super(scope, id);
    const functions = new Map<string, ServiceFunction>();
    for (const row of props.triggers ?? TRIGGERS) {
      const fn = new ServiceFunction(this, row.functionName, {
        functionName: `${row.functionName}-${props.environmentName}`,
        entry: path.join(TRIGGER_SOURCE_DIR, row.entry),
        environment: {
          [TRIGGER_ENV.tableName]: props.table.tableName,
          [TRIGGER_ENV.claimLegacyProfiles]: String(props.claimLegacyProfiles),
          [TRIGGER_ENV.logLevel]: 'INFO',
        },
        timeout: TRIGGER_TIMEOUT,
        logRetention: props.logRetention,
        ...(props.logRemovalPolicy && { logRemovalPolicy: props.logRemovalPolicy }),
      });
      // Each action on exactly its ARN, as the route functions have them (not table.grant).
      iam.Grant.addToPrincipal({ grantee: fn, actions: [...row.tableActions], resourceArns: [props.table.tableArn] });
      if (row.indexActions.length > 0) {
        iam.Grant.addToPrincipal({
          grantee: fn,
          actions: [...row.indexActions],
          resourceArns: [`${props.table.tableArn}/index/${props.indexName}`],
        });
      }
      if (props.claimLegacyProfiles && row.claimUserPoolActions.length > 0) {
        // A policy of its own, not the role's default one: the function waits for its default
        // policy, and the pool waits for the function (its trigger), so a pool ARN in the default
        // policy would be a circular dependency (aws-cognito's README shows this way out).
        fn.role.attachInlinePolicy(
          new iam.Policy(this, `${row.functionName}UserPool`, {
            statements: [
              new iam.PolicyStatement({
                actions: [...row.claimUserPoolActions],
                resources: [props.userPool.userPoolArn],
              }),
            ],
          }),
        );
      }
      props.userPool.addTrigger(cognito.UserPoolOperation.of(row.trigger), fn.function);
      functions.set(row.functionName, fn);
    }
    this.functions = functions;
  }
}
