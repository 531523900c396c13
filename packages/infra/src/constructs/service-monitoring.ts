import { Duration } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import {
  AlarmMatrixWidget,
  DefaultDashboardFactory,
  DynamoTableGlobalSecondaryIndexMetricFactory,
  MonitoringFacade,
  SnsAlarmActionStrategy,
  type MetricWithAlarmSupport,
} from 'cdk-monitoring-constructs';
import { Construct } from 'constructs';

import {
  iteratorAgeAlarm,
  watchProfileEvents,
  type AlarmDefinition,
  type MonitoredProfileEvents,
} from './profile-events-monitoring';
import { watchRefusals, type MonitoredRefusals } from './refusal-monitoring';
import { watchSignUps } from './sign-up-monitoring';

export interface MonitoredFunction {
  /** Short name used in alarm names and dashboard titles, e.g. `GetUserProfile`. */
  readonly name: string;
  /** Its errors and throttles are alarmed, its latency and invocations graphed. */
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
  /** The API's refusals: 401s graphed, a burst of 403s from one caller alarmed. @default - no refusal panels */
  readonly refusals?: MonitoredRefusals;
  /** Sign-ups the trigger let through without a profile, alarmed. @default - no sign-up panel */
  readonly signUpFailures?: MetricWithAlarmSupport;
}

/**
 * The alarms an operator needs (API 5xx rate and p99 latency, every function's errors and
 * throttles, DynamoDB throttles of the table and its index, the profile events' lag and dead
 * letters), all notifying one topic, and the `userprofile-{env}` dashboard, built with
 * cdk-monitoring-constructs' {@link MonitoringFacade}.
 */
export class ServiceMonitoring extends Construct {
  /** Every alarm publishes here, on alarm and back to OK; subscribe pagers or chat to it. */
  readonly alarmTopic: sns.Topic;
  /** The library's facade: add monitors for new resources here, so they share topic and dashboard. */
  readonly facade: MonitoringFacade;

  constructor(scope: Construct, id: string, props: ServiceMonitoringProps) {
    super(scope, id);
    const env = props.environmentName;
    const prefix = `userprofile-${env}`;
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      topicName: `user-profile-alarms-${env}`,
      displayName: `userprofile ${env} alarms`,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    this.facade = new MonitoringFacade(this, 'Facade', {
      alarmFactoryDefaults: {
        alarmNamePrefix: prefix,
        actionsEnabled: true,
        // OK too: whoever was paged learns that it has cleared.
        action: new SnsAlarmActionStrategy({ onAlarmTopic: this.alarmTopic, onOkTopic: this.alarmTopic }),
        // Errors and throttles should never happen: the first period with one fires.
        datapointsToAlarm: 1,
        evaluationPeriods: 1,
      },
      dashboardFactory: new DefaultDashboardFactory(this, 'Dashboards', {
        dashboardNamePrefix: prefix,
        detailDashboardRange: Duration.hours(3),
      }),
    });
    // One severity: every alarm pages the same topic. Names are set one by one so that they
    // stay the ones operators and runbooks know (the library would compose its own).
    const alarm: AlarmDefinition = (name, description, threshold) => ({
      Critical: { ...threshold, alarmNameOverride: `${prefix}-${name}`, alarmDescriptionOverride: description },
    });
    // A rate or a latency may spike once without harm: 2 of 3 periods over the threshold fire.
    const sustained = { datapointsToAlarm: 2, evaluationPeriods: 3 };

    this.facade.monitorApiGateway({
      api: props.stage.restApi,
      apiStage: props.stage.stageName,
      alarmFriendlyName: 'Api',
      humanReadableName: `API ${props.stage.restApi.restApiName}`,
      // The library's rate is the Average of 5XXError: the share of requests, from 0 to 1.
      add5XXFaultRateAlarm: alarm('Api5xxRate', 'More than the allowed share of API requests failed with 5xx.', {
        maxErrorRate: (props.serverErrorRatePercent ?? 1) / 100,
        ...sustained,
      }),
      addLatencyP99Alarm: alarm('ApiLatencyP99', 'The slowest 1% of API requests are slower than the threshold.', {
        maxLatency: Duration.millis(props.latencyP99ThresholdMs ?? 1000),
        ...sustained,
      }),
    });

    const events = props.profileEvents;
    if (events && !props.functions.some((watched) => watched.function === events.publisher)) {
      // Its iterator age is alarmed with its errors and throttles, in its own section.
      throw new Error('ServiceMonitoring: profileEvents.publisher must be one of the functions');
    }
    for (const { name, function: fn } of props.functions) {
      this.facade.monitorLambdaFunction({
        lambdaFunction: fn,
        alarmFriendlyName: name,
        humanReadableName: name,
        addFaultCountAlarm: alarm(`${name}Errors`, `${name} threw or timed out.`, { maxErrorCount: 0 }),
        addThrottlesCountAlarm: alarm(
          `${name}Throttles`,
          `${name} was throttled: the account or reserved concurrency ran out.`,
          { maxErrorCount: 0 },
        ),
        ...(events?.publisher === fn && { addMaxIteratorAgeAlarm: iteratorAgeAlarm(events, alarm) }),
      });
    }

    const throttled = (name: string, what: string) =>
      alarm(name, `DynamoDB throttled ${what}.`, { maxThrottledEventsThreshold: 0 });
    this.facade.monitorDynamoTable({
      table: props.table,
      alarmFriendlyName: 'DynamoDb',
      addReadThrottledEventsCountAlarm: throttled('DynamoDbReadThrottles', 'reads on the profile table'),
      addWriteThrottledEventsCountAlarm: throttled('DynamoDbWriteThrottles', 'writes on the profile table'),
    });
    // The index's throttles are reported under its own GlobalSecondaryIndexName dimension, which the
    // table's alarms do not read, and the library graphs them (monitorDynamoTableGlobalSecondaryIndex)
    // but alarms on none: the index's alarm is a custom metric group over the library's index metrics.
    const metrics = this.facade.createMetricFactory();
    const index = new DynamoTableGlobalSecondaryIndexMetricFactory(metrics, {
      table: props.table,
      globalSecondaryIndexName: props.indexName,
    });
    this.facade.monitorCustom({
      alarmFriendlyName: 'DynamoDbIndex',
      humanReadableName: `Index ${props.indexName}`,
      metricGroups: [
        {
          title: `Index ${props.indexName}: throttled events`,
          metrics: [
            {
              metric: metrics.createMetricMath(
                'reads + writes',
                { reads: index.metricThrottledReadRequestCount(), writes: index.metricThrottledWriteRequestCount() },
                'Read + write throttled events',
              ),
              alarmFriendlyName: 'DynamoDbIndexThrottles',
              addAlarm: alarm(
                'DynamoDbIndexThrottles',
                `DynamoDB throttled reads or writes on the index ${props.indexName}.`,
                {
                  threshold: 0,
                  comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
                  treatMissingDataOverride: TreatMissingData.NOT_BREACHING,
                },
              ),
            },
          ],
        },
      ],
    });

    if (events) watchProfileEvents(this.facade, events, alarm);
    if (props.refusals) watchRefusals(this.facade, props.refusals, alarm);
    if (props.signUpFailures) watchSignUps(this.facade, props.signUpFailures, alarm);
    // Every alarm's state in one place, as the library's alarm dashboard would show it.
    this.facade.addWidget(
      new AlarmMatrixWidget({ title: 'Alarms', alarms: this.facade.createdAlarms().map((created) => created.alarm) }),
    );
  }
}
