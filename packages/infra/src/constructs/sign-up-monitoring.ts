import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SIGN_UP_METRICS } from '@userprofile/identity-lambda/metric-names';
import type { MetricWithAlarmSupport, MonitoringFacade } from 'cdk-monitoring-constructs';

import type { AlarmDefinition } from './profile-events-monitoring';

/**
 * Sign-ups the post-confirmation trigger let through without their profile because of a fault of
 * ours (the store or the pool did not answer): the trigger never fails a sign-up, so this count
 * is the only trace. Powertools Metrics adds the `service` dimension to the function's own.
 */
export const signUpFailuresOf = (functionName: string): Metric =>
  new Metric({
    namespace: SIGN_UP_METRICS.namespace,
    metricName: SIGN_UP_METRICS.outcomes.failed,
    dimensionsMap: { service: SIGN_UP_METRICS.serviceName, [SIGN_UP_METRICS.functionNameDimension]: functionName },
    statistic: 'Sum',
    period: Duration.minutes(5),
  });

/** One failed sign-up pages: its user has no profile until the app's first POST, or a claim is left for `pnpm migrate`. */
export function watchSignUps(facade: MonitoringFacade, failures: MetricWithAlarmSupport, alarm: AlarmDefinition): void {
  facade.monitorCustom({
    alarmFriendlyName: 'SignUps',
    humanReadableName: 'Sign-ups',
    metricGroups: [
      {
        title: 'Sign-ups left without their profile (a fault of ours)',
        metrics: [
          {
            metric: failures,
            alarmFriendlyName: 'SignUpProfileFailures',
            addAlarm: alarm(
              'SignUpProfileFailures',
              'The post-confirmation trigger could not create or claim a profile: read its log lines of that time, then run pnpm migrate --user-pool-id to finish any claim.',
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
}
