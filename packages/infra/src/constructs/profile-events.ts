import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { PUT_EVENTS_MAX_ENTRIES } from '@userprofile/adapters-aws';
import { LAMBDA_ENV } from '@userprofile/http-lambda/contract';
import { Construct } from 'constructs';

import type { RouteFunction } from './route-functions';
import { ServiceFunction } from './service-function';

/** The stream Lambda's entry module (stream-lambda's composition root). */
export const PUBLISH_PROFILE_CHANGES_ENTRY = require.resolve('@userprofile/stream-lambda/entry');

/** `userprofile-{env}`: the bus subscribers put their rules on. */
export const profileEventBusName = (environmentName: string): string => `userprofile-${environmentName}`;

/**
 * How the table's stream reaches the function. Each value is a trade-off, decided here once:
 * - `batchSize` 50: a failed record makes Lambda resend every later record of the batch (the
 *   other users' ones become duplicates), so smaller batches mean fewer duplicates; 50 is still
 *   5 full PutEvents calls per invocation when the stream is busy.
 * - `maxBatchingWindow` 1 s: profile writes are sparse; waiting up to a second groups bursts
 *   (a migration, a bulk import) into fewer invocations at a cost subscribers do not notice.
 * - `retryAttempts` 50: a record the bus keeps refusing blocks its shard (and so per-user order)
 *   only for a bounded number of tries; an unreachable bus costs ~20 s per try, so an outage of
 *   about a quarter of an hour is ridden out before anything is dead-lettered.
 * - `maxRecordAge` 6 h: the stream keeps records 24 h, and an on-failure message holds only the
 *   stream position, not the record: 6 h leaves 18 h to replay a dead-lettered range.
 */
export const PROFILE_STREAM_DELIVERY = {
  batchSize: 50,
  maxBatchingWindow: Duration.seconds(1),
  retryAttempts: 50,
  maxRecordAge: Duration.hours(6),
  /** The publisher's worst case for one PutEvents call (3 attempts of 5 s, entry retries, back-off). */
  putEventsCallWorstCase: Duration.seconds(20),
  /** Start-up, reading the batch and answering. */
  timeoutMargin: Duration.seconds(20),
} as const;

/**
 * The stream function's time-out: one PutEvents call's worst case times the calls a full batch
 * needs, plus a margin (stream-lambda's README: a time-out below it would fail batches that
 * would have succeeded, and retry them whole).
 */
export function profileStreamFunctionTimeout(batchSize: number = PROFILE_STREAM_DELIVERY.batchSize): Duration {
  const calls = Math.ceil(batchSize / PUT_EVENTS_MAX_ENTRIES);
  return Duration.seconds(
    calls * PROFILE_STREAM_DELIVERY.putEventsCallWorstCase.toSeconds() +
      PROFILE_STREAM_DELIVERY.timeoutMargin.toSeconds(),
  );
}

/** What Lambda needs to poll a DynamoDB stream (it checks all four when the mapping is created). */
export const STREAM_READ_ACTIONS = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
] as const;

function tableStreamArn(table: dynamodb.ITable): string {
  if (!table.tableStreamArn) throw new Error(`ProfileEvents: the table ${table.node.path} has no stream`);
  return table.tableStreamArn;
}

export interface ProfileEventsProps {
  /** Environment suffix: bus `userprofile-{env}`, function `PublishProfileChanges-{env}`. */
  readonly environmentName: string;
  /** The profile table; its stream must carry new and old images. */
  readonly table: dynamodb.ITable;
  /** How long the function's logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** What happens to the log group when the stack is deleted. @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** The function's `POWERTOOLS_LOG_LEVEL`. @default 'INFO' */
  readonly logLevel?: string;
}

/**
 * Profile change events: the table's stream, read by `PublishProfileChanges-{env}` (a
 * {@link ServiceFunction} running stream-lambda), published to the bus `userprofile-{env}`.
 * Partial batch responses, bisect on error, bounded retries and record age; what still fails is
 * dead-lettered (its stream position) to an encrypted SQS queue. The function may put events on
 * this bus, read this table's stream and send to this queue, nothing else.
 */
export class ProfileEvents extends Construct {
  /** Where the events go; subscribers add rules to it. */
  readonly eventBus: events.EventBus;
  /** The stream function. */
  readonly publisher: ServiceFunction;
  /** Stream positions of the records still unpublished after the retries (14 days). */
  readonly deadLetterQueue: sqs.Queue;
  /** The event source mapping on the table's stream. */
  readonly eventSourceMapping: lambda.EventSourceMapping;

  constructor(scope: Construct, id: string, props: ProfileEventsProps) {
    super(scope, id);
    const env = props.environmentName;
    const streamArn = tableStreamArn(props.table);

    this.eventBus = new events.EventBus(this, 'Bus', {
      eventBusName: profileEventBusName(env),
      description: `userprofile ${env}: profile change events (no personal data)`,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'StreamFailures', {
      queueName: `userprofile-stream-failures-${env}`,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself a dead-letter destination: the stream event source mapping's on-failure destination. A queue behind it would only move the same messages again.",
    });

    this.publisher = new ServiceFunction(this, 'PublishProfileChanges', {
      functionName: `PublishProfileChanges-${env}`,
      entry: PUBLISH_PROFILE_CHANGES_ENTRY,
      environment: {
        EVENT_BUS_NAME: this.eventBus.eventBusName,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
      },
      timeout: profileStreamFunctionTimeout(),
      logRetention: props.logRetention,
      ...(props.logRemovalPolicy && { logRemovalPolicy: props.logRemovalPolicy }),
    });
    this.eventBus.grantPutEventsTo(this.publisher);

    // The stream read, on this table's stream only. DynamoEventSource would call
    // table.grantStreamRead, which allows dynamodb:ListStreams on "*"; AWS documents all four
    // actions on the table's stream ARN for a Lambda reader (DynamoDB developer guide, "IAM policy
    // to allow an AWS Lambda function to access DynamoDB stream records"), so the mapping is made
    // here with that grant.
    props.table.grantStream(this.publisher, ...STREAM_READ_ACTIONS);
    this.eventSourceMapping = this.publisher.function.addEventSourceMapping('ProfileStream', {
      eventSourceArn: streamArn,
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: PROFILE_STREAM_DELIVERY.batchSize,
      maxBatchingWindow: PROFILE_STREAM_DELIVERY.maxBatchingWindow,
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      retryAttempts: PROFILE_STREAM_DELIVERY.retryAttempts,
      maxRecordAge: PROFILE_STREAM_DELIVERY.maxRecordAge,
      // One batch per shard at a time: the handler's per-user guarantee is stated for a shard's
      // batches in sequence (Lambda would keep per-key order above 1 too, at more duplicates).
      parallelizationFactor: 1,
      // Grants sqs:SendMessage (with GetQueueAttributes, GetQueueUrl) on this queue only.
      onFailure: new sources.SqsDlq(this.deadLetterQueue),
    });
  }

  /**
   * Lets the route functions whose rows reach `eventBus` (an erasure) put events on this bus,
   * nothing else, with its name in their environment.
   */
  publishFrom(functions: Iterable<RouteFunction>): void {
    for (const fn of functions) {
      if (!fn.routes.some((route) => route.parts.includes('eventBus'))) continue;
      this.eventBus.grantPutEventsTo(fn);
      fn.function.addEnvironment(LAMBDA_ENV.eventBusName, this.eventBus.eventBusName);
    }
  }
}
