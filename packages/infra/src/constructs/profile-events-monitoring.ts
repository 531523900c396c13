import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { PROFILE_EVENT_METRICS } from '@userprofile/stream-lambda/metric-names';

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

/**
 * Profile events: publish failures are graphed, not alarmed (Lambda retries them, and what
 * persists shows as iterator age, then as dead letters, both alarmed).
 */
export function watchProfileEvents(
  watched: MonitoredProfileEvents,
  /** The period of every metric, as of the service's other alarms. */
  period: Duration,
  alarm: (alarmId: string, options: cloudwatch.AlarmProps) => cloudwatch.Alarm,
  anyOccurrenceAlarm: (alarmId: string, metric: cloudwatch.IMetric, alarmDescription: string) => cloudwatch.Alarm,
): { iteratorAgeAlarm: cloudwatch.Alarm; deadLetterAlarm: cloudwatch.Alarm; widgets: cloudwatch.IWidget[] } {
  const handlerMetric = (metricName: string, label: string) =>
    new cloudwatch.Metric({
      namespace: PROFILE_EVENT_METRICS.namespace,
      metricName,
      dimensionsMap: {
        service: PROFILE_EVENT_METRICS.serviceName,
        [PROFILE_EVENT_METRICS.functionNameDimension]: watched.publisher.functionName,
      },
      period,
      statistic: cloudwatch.Stats.SUM,
      label,
    });
  const publishFailures = handlerMetric(PROFILE_EVENT_METRICS.publishFailures, 'records not published');
  const published = handlerMetric(PROFILE_EVENT_METRICS.published, 'events published');
  const iteratorAge = watched.publisher.metric('IteratorAge', {
    period,
    statistic: cloudwatch.Stats.MAXIMUM,
  });
  const deadLetters = watched.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
    period,
    statistic: cloudwatch.Stats.MAXIMUM,
  });
  const iteratorAgeThreshold = (watched.iteratorAgeThreshold ?? Duration.minutes(10)).toMilliseconds();
  const iteratorAgeAlarm = alarm('ProfileStreamIteratorAge', {
    metric: iteratorAge,
    threshold: iteratorAgeThreshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    alarmDescription:
      'Profile events lag behind the table: the stream function keeps failing (bus unreachable or refusing) or cannot keep up.',
  });
  const deadLetterAlarm = anyOccurrenceAlarm(
    'ProfileEventsDeadLetters',
    deadLetters,
    'Profile change records were given up on: replay the stream ranges in the queue within 24 h of the writes, while the stream still holds them.',
  );
  const widgets = [
    new cloudwatch.GraphWidget({
      title: 'Profile events: publish failures',
      left: [publishFailures],
      right: [published],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Profile stream iterator age',
      left: [iteratorAge.with({ label: 'iterator age (max, ms)' })],
      leftAnnotations: [{ value: iteratorAgeThreshold, label: 'alarm' }],
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Profile events: dead-lettered',
      left: [deadLetters.with({ label: 'dead-lettered ranges' })],
      width: 8,
    }),
  ];
  return { iteratorAgeAlarm, deadLetterAlarm, widgets };
}
