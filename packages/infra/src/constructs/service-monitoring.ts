import { Duration } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

import { watchProfileEvents, type MonitoredProfileEvents } from './profile-events-monitoring';

export interface MonitoredFunction {
  /** Short name used in alarm ids and widget titles, e.g. `GetUserProfile`. */
  readonly name: string;
  /** Its errors and throttles are alarmed, its duration graphed. */
  readonly function: lambda.IFunction;
}

export interface ServiceMonitoringProps {
  /** Environment suffix of the topic, alarm and dashboard names. */
  readonly environmentName: string;
  /** The API's deployed stage (its metrics carry ApiName and Stage). */
  readonly stage: apigateway.Stage;
  /** The functions to watch. */
  readonly functions: readonly MonitoredFunction[];
  /** The profile table, whose throttles are alarmed and capacity graphed. */
  readonly table: dynamodb.ITable;
  /** The table's index, whose own throttles are alarmed too. */
  readonly indexName: string;
  /** Share of requests answered 5xx, in percent, above which the alarm fires. @default 1 */
  readonly serverErrorRatePercent?: number;
  /** p99 latency, in milliseconds, above which the alarm fires. @default 1000 */
  readonly latencyP99ThresholdMs?: number;
  /** Mailed on every alarm state change. @default - no subscription */
  readonly alarmEmail?: string;
  /** Profile change events, graphed and alarmed. @default - no event panels */
  readonly profileEvents?: MonitoredProfileEvents;
}

const PERIOD = Duration.minutes(5);

/**
 * The alarms an operator needs (API 5xx rate and p99 latency, every function's errors and
 * throttles, DynamoDB throttles), all notifying one topic, and one dashboard of their metrics.
 */
export class ServiceMonitoring extends Construct {
  /** Every alarm publishes here; subscribe pagers or chat to it. */
  readonly alarmTopic: sns.Topic;
  readonly serverErrorRateAlarm: cloudwatch.Alarm;
  readonly latencyAlarm: cloudwatch.Alarm;
  /** By function name. */
  readonly functionErrorAlarms: ReadonlyMap<string, cloudwatch.Alarm>;
  /** By function name. */
  readonly functionThrottleAlarms: ReadonlyMap<string, cloudwatch.Alarm>;
  readonly tableThrottleAlarm: cloudwatch.Alarm;
  /** Fires when the stream function falls behind (present with `profileEvents`). */
  readonly streamIteratorAgeAlarm?: cloudwatch.Alarm;
  /** Fires when records were dead-lettered (present with `profileEvents`). */
  readonly eventDeadLetterAlarm?: cloudwatch.Alarm;
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ServiceMonitoringProps) {
    super(scope, id);
    const env = props.environmentName;
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      topicName: `user-profile-alarms-${env}`,
      displayName: `userprofile ${env} alarms`,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const notify = new actions.SnsAction(this.alarmTopic);
    const alarm = (alarmId: string, options: cloudwatch.AlarmProps) => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
        alarmName: `userprofile-${env}-${alarmId}`,
      });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      return created;
    };
    /** Fires when 2 of 3 periods are over the threshold: a rate or a latency may spike once without harm. */
    const sustainedAlarm = (
      alarmId: string,
      options: Pick<cloudwatch.AlarmProps, 'metric' | 'threshold' | 'alarmDescription'>,
    ) =>
      alarm(alarmId, {
        ...options,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
      });
    /** Fires on the first occurrence in a period: errors and throttles should never happen. */
    const anyOccurrenceAlarm = (alarmId: string, metric: cloudwatch.IMetric, alarmDescription: string) =>
      alarm(alarmId, {
        metric,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        alarmDescription,
      });

    const requests = props.stage.metricCount({ period: PERIOD, statistic: cloudwatch.Stats.SUM });
    const serverErrors = props.stage.metricServerError({ period: PERIOD, statistic: cloudwatch.Stats.SUM });
    const serverErrorRate = new cloudwatch.MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      label: '5xx rate (%)',
      period: PERIOD,
    });
    this.serverErrorRateAlarm = sustainedAlarm('Api5xxRate', {
      metric: serverErrorRate,
      threshold: props.serverErrorRatePercent ?? 1,
      alarmDescription: 'More than the allowed share of API requests failed with 5xx.',
    });
    const latencyP99 = props.stage.metricLatency({ period: PERIOD, statistic: cloudwatch.Stats.p(99) });
    this.latencyAlarm = sustainedAlarm('ApiLatencyP99', {
      metric: latencyP99,
      threshold: props.latencyP99ThresholdMs ?? 1000,
      alarmDescription: 'The slowest 1% of API requests are slower than the threshold.',
    });

    const errorAlarms = new Map<string, cloudwatch.Alarm>();
    const throttleAlarms = new Map<string, cloudwatch.Alarm>();
    for (const { name, function: fn } of props.functions) {
      const sum = { period: PERIOD, statistic: cloudwatch.Stats.SUM };
      errorAlarms.set(name, anyOccurrenceAlarm(`${name}Errors`, fn.metricErrors(sum), `${name} threw or timed out.`));
      throttleAlarms.set(
        name,
        anyOccurrenceAlarm(
          `${name}Throttles`,
          fn.metricThrottles(sum),
          `${name} was throttled: the account or reserved concurrency ran out.`,
        ),
      );
    }
    this.functionErrorAlarms = errorAlarms;
    this.functionThrottleAlarms = throttleAlarms;

    const throttleMetric = (metricName: string, index?: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: props.table.tableName, ...(index && { GlobalSecondaryIndexName: index }) },
        period: PERIOD,
        statistic: cloudwatch.Stats.SUM,
      });
    const tableThrottles = new cloudwatch.MathExpression({
      expression: 'tableReads + tableWrites + indexReads + indexWrites',
      usingMetrics: {
        tableReads: throttleMetric('ReadThrottleEvents'),
        tableWrites: throttleMetric('WriteThrottleEvents'),
        indexReads: throttleMetric('ReadThrottleEvents', props.indexName),
        indexWrites: throttleMetric('WriteThrottleEvents', props.indexName),
      },
      label: 'DynamoDB throttle events',
      period: PERIOD,
    });
    this.tableThrottleAlarm = anyOccurrenceAlarm(
      'DynamoDbThrottles',
      tableThrottles,
      'DynamoDB throttled reads or writes on the profile table or its index.',
    );

    const eventsWatch =
      props.profileEvents && watchProfileEvents(props.profileEvents, PERIOD, alarm, anyOccurrenceAlarm);
    this.streamIteratorAgeAlarm = eventsWatch?.iteratorAgeAlarm;
    this.eventDeadLetterAlarm = eventsWatch?.deadLetterAlarm;

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `userprofile-${env}`,
      defaultInterval: Duration.hours(3),
    });
    const allAlarms = [
      this.serverErrorRateAlarm,
      this.latencyAlarm,
      ...errorAlarms.values(),
      ...throttleAlarms.values(),
      this.tableThrottleAlarm,
      ...(eventsWatch ? [eventsWatch.iteratorAgeAlarm, eventsWatch.deadLetterAlarm] : []),
    ];
    this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: allAlarms, width: 24 }));
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API requests and 5xx rate',
        left: [requests, serverErrors],
        right: [serverErrorRate],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency',
        left: [props.stage.metricLatency({ period: PERIOD, statistic: cloudwatch.Stats.p(50) }), latencyP99],
        leftAnnotations: [{ value: props.latencyP99ThresholdMs ?? 1000, label: 'p99 alarm' }],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Lambda errors',
        left: props.functions.map(({ name, function: fn }) =>
          fn.metricErrors({ period: PERIOD, statistic: cloudwatch.Stats.SUM, label: name }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda throttles',
        left: props.functions.map(({ name, function: fn }) =>
          fn.metricThrottles({ period: PERIOD, statistic: cloudwatch.Stats.SUM, label: name }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda duration p99',
        left: props.functions.map(({ name, function: fn }) =>
          fn.metricDuration({ period: PERIOD, statistic: cloudwatch.Stats.p(99), label: name }),
        ),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'DynamoDB throttles', left: [tableThrottles], width: 12 }),
      new cloudwatch.GraphWidget({
        title: 'DynamoDB consumed capacity',
        left: [
          props.table.metricConsumedReadCapacityUnits({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
          props.table.metricConsumedWriteCapacityUnits({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
        ],
        width: 12,
      }),
    );
    if (eventsWatch) this.dashboard.addWidgets(...eventsWatch.widgets);
  }
}
