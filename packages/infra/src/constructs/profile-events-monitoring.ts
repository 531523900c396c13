import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import {
  type CustomAlarmThreshold,
  type MaxAgeThreshold,
  MetricStatistic,
  type MonitoringFacade,
} from 'cdk-monitoring-constructs';
import { PROFILE_EVENT_METRICS } from '@userprofile/stream-lambda/metric-names';

/**
 * One alarm as the library's `add…Alarm` props take it (thresholds keyed by severity), named
 * `userprofile-{env}-{name}` and described for the operator who receives it.
 */
export type AlarmDefinition = <T extends object>(
  name: string,
  description: string,
  threshold: T,
) => Record<string, T & CustomAlarmThreshold>;

/** The profile events' delivery: the stream function and where its failures go. */
export interface MonitoredProfileEvents {
  /** The stream function: its iterator age and its publish-failure metric are watched. */
  readonly publisher: lambda.IFunction;
  /** The on-failure destination: any message in it is a range of records to replay. */
  readonly deadLetterQueue: sqs.IQueue;
  /**
   * How far behind the stream the function may fall before the alarm fires: well under the
   * mapping's maximum record age, so that someone looks before records are dead-lettered.
   * @default Duration.minutes(10)
   */
  readonly iteratorAgeThreshold?: Duration;
}

/** The stream function's iterator age alarm, added with its errors and throttles. */
export function iteratorAgeAlarm(
  watched: MonitoredProfileEvents,
  alarm: AlarmDefinition,
): Record<string, MaxAgeThreshold> {
  return alarm(
    'ProfileStreamIteratorAge',
    'Profile events lag behind the table: the stream function keeps failing (bus unreachable or refusing) or cannot keep up.',
    {
      maxAgeInMillis: (watched.iteratorAgeThreshold ?? Duration.minutes(10)).toMilliseconds(),
      // No records, no datapoint: an idle stream is not behind.
      treatMissingDataOverride: TreatMissingData.NOT_BREACHING,
    },
  );
}

/**
 * Profile events: the dead-letter queue alarms on its first message; publish failures are
 * graphed, not alarmed (Lambda retries them, and what persists shows as iterator age, then as
 * dead letters, both alarmed).
 */
export function watchProfileEvents(
  facade: MonitoringFacade,
  watched: MonitoredProfileEvents,
  alarm: AlarmDefinition,
): void {
  const metrics = facade.createMetricFactory();
  const handlerMetric = (metricName: string, label: string) =>
    metrics.createMetric(
      metricName,
      MetricStatistic.SUM,
      label,
      {
        service: PROFILE_EVENT_METRICS.serviceName,
        [PROFILE_EVENT_METRICS.functionNameDimension]: watched.publisher.functionName,
      },
      undefined,
      PROFILE_EVENT_METRICS.namespace,
    );
  facade.monitorCustom({
    alarmFriendlyName: 'ProfileEvents',
    humanReadableName: 'Profile events: publish failures',
    metricGroups: [
      {
        title: 'Profile events: publish failures',
        metrics: [
          handlerMetric(PROFILE_EVENT_METRICS.publishFailures, 'records not published'),
          handlerMetric(PROFILE_EVENT_METRICS.published, 'events published'),
        ],
      },
    ],
  });
  facade.monitorSqsQueue({
    queue: watched.deadLetterQueue,
    alarmFriendlyName: 'ProfileEventsDeadLetters',
    humanReadableName: 'Profile events: dead-lettered',
    addQueueMaxSizeAlarm: alarm(
      'ProfileEventsDeadLetters',
      'Profile change records were given up on: replay the stream ranges in the queue within 24 h of the writes, while the stream still holds them.',
      // A queue SQS has not reported on is no reason to page.
      { maxMessageCount: 0, treatMissingDataOverride: TreatMissingData.NOT_BREACHING },
    ),
  });
}
