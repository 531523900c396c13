import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { IDEMPOTENCY_TABLE, idempotencyTableName } from '@userprofile/adapters-aws';
import { LAMBDA_ENV } from '@userprofile/http-lambda/contract';
import { Construct } from 'constructs';

import type { RouteFunction } from './route-functions';
import { SERVICE_FUNCTION_DEFAULTS } from './service-function';

/** The item calls the store makes for a write's `Idempotency-Key`: claim, read, complete, release. */
export const IDEMPOTENCY_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;
/** What reading one caller's records takes (an export): a Query on the caller's partition. */
export const IDEMPOTENCY_READ_ACTIONS = ['dynamodb:Query'] as const;

/** Whether a function's rows read callers' idempotency records without writing them (their `parts` say so). */
export const readsIdempotencyRecords = (routes: readonly { readonly parts: readonly string[] }[]): boolean =>
  routes.some((route) => route.parts.includes('idempotencyRecordsRead'));

export interface IdempotencyRecordsProps {
  /** Environment suffix: the table is `user-profile-idempotency-{env}`. */
  readonly environmentName: string;
  /**
   * What happens to the table when the stack is deleted. Its records live 24 hours at most,
   * so there is nothing to keep. @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
  /** How long a completed request's response is replayed to repeats of its key. @default Duration.hours(24) */
  readonly replayWindow?: Duration;
  /** The customer-managed key of the table (DataKey): its responses are profiles. @default - an AWS-managed key */
  readonly encryptionKey?: kms.IKey;
}

/**
 * What the write functions call to remember `Idempotency-Key`s: requests that ran, their
 * in-flight markers and their responses. On-demand capacity, since its load is exactly the
 * write traffic (two writes per keyed request) with nothing to provision for; DynamoDB's TTL
 * on `expiresAt` removes dead records (the adapter also checks expiry on every read).
 */
export class IdempotencyRecords extends Construct {
  /** The idempotency table. */
  readonly table: dynamodb.Table;
  /** How long a completed request's response is replayed. */
  readonly replayWindow: Duration;

  constructor(scope: Construct, id: string, props: IdempotencyRecordsProps) {
    super(scope, id);
    this.replayWindow = props.replayWindow ?? Duration.hours(24);
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: idempotencyTableName(props.environmentName),
      partitionKey: { name: IDEMPOTENCY_TABLE.partitionKey.name, type: dynamodb.AttributeType.STRING },
      sortKey: { name: IDEMPOTENCY_TABLE.sortKey.name, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: IDEMPOTENCY_TABLE.ttlAttribute,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      ...(props.encryptionKey
        ? { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: props.encryptionKey }
        : { encryption: dynamodb.TableEncryption.AWS_MANAGED }),
      // Point-in-time recovery of records that expire within a day would restore stale claims.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
    // The stored responses about a user, in every caller's scope: a deletion or an erasure forgets them.
    this.table.addGlobalSecondaryIndex({
      indexName: IDEMPOTENCY_TABLE.subjectIndex.name,
      partitionKey: { name: IDEMPOTENCY_TABLE.subjectIndex.partitionKey.name, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });
    Validations.of(this.table).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason:
        'Records live 24 hours at most and hold no data of record; a restore would bring back stale in-flight claims.',
    });
  }

  /**
   * Lets the functions that serve an idempotent route (a write, by the route table) use the
   * records: exactly the four item calls the store makes, on this table only, and its name, the
   * replay window and the in-flight expiry (the function's own timeout) in their environment; and
   * the functions whose rows reach `storedResponses` forget them (`grantForgetting`). A function
   * that only reads one caller's records (`idempotencyRecordsRead`: an export) gets Query on the
   * table alone, and its name. Other functions get neither.
   */
  useFrom(functions: Iterable<RouteFunction>): void {
    for (const fn of functions) {
      const honoursKeys = fn.routes.some((route) => route.idempotent);
      const forgets = fn.routes.some((route) => route.parts.includes('storedResponses'));
      const reads = readsIdempotencyRecords(fn.routes);
      if (!honoursKeys && !forgets && !reads) continue;
      fn.function.addEnvironment(LAMBDA_ENV.idempotencyTableName, this.table.tableName);
      if (honoursKeys) {
        // Not table.grant: with an index it also names `{table}/index/*`, which no item call needs.
        this.grantOnTable(fn, [...IDEMPOTENCY_WRITE_ACTIONS]);
        const timeout = fn.function.timeout ?? SERVICE_FUNCTION_DEFAULTS.timeout;
        fn.function.addEnvironment(LAMBDA_ENV.idempotencyInFlightSeconds, String(timeout.toSeconds()));
        fn.function.addEnvironment(LAMBDA_ENV.idempotencyReplaySeconds, String(this.replayWindow.toSeconds()));
      }
      if (forgets) this.grantForgetting(fn);
      if (reads) this.grantOnTable(fn, [...IDEMPOTENCY_READ_ACTIONS]);
    }
  }

  /**
   * Lets `grantee` forget stored responses: Query a caller's scope (the table) and a user's
   * responses (the subject index), and BatchWriteItem the deletes (on the table only).
   */
  grantForgetting(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:Query', 'dynamodb:BatchWriteItem'],
      resourceArns: [this.table.tableArn],
    }).combine(
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['dynamodb:Query'],
        resourceArns: [`${this.table.tableArn}/index/${IDEMPOTENCY_TABLE.subjectIndex.name}`],
      }),
    );
  }

  private grantOnTable(grantee: iam.IGrantable, actions: string[]): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.table.tableArn] });
  }
}
