import { ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { MetricWithAlarmSupport, MonitoringFacade } from 'cdk-monitoring-constructs';

import type { AlarmDefinition } from './profile-events-monitoring';

/** The API's refusals, as `RefusalSignals` makes them countable. */
export interface MonitoredRefusals {
  /** 401s answered per period: graphed. */
  readonly unauthorizedRequests: MetricWithAlarmSupport;
  /** The most refusals (403) one caller had per period: alarmed. */
  readonly mostRefusalsFromOneCaller: MetricWithAlarmSupport;
  /** Refusals of one caller in a period at which the alarm fires. @default 20 */
  readonly burstThreshold?: number;
}

/**
 * Refusals: a burst of 403s from one `sub` (someone walking other users' ids, or listing without
 * being an administrator) pages, as the other alarms do; 401s are graphed, not alarmed, because
 * every expired token makes one, and one address's flood is WAF's rate rule's to stop.
 */
export function watchRefusals(facade: MonitoringFacade, watched: MonitoredRefusals, alarm: AlarmDefinition): void {
  const threshold = watched.burstThreshold ?? 20;
  facade.monitorCustom({
    alarmFriendlyName: 'Refusals',
    humanReadableName: 'Refusals',
    metricGroups: [
      { title: 'Requests without a valid token (401)', metrics: [watched.unauthorizedRequests] },
      {
        title: 'Most refusals (403) from one caller',
        metrics: [
          {
            metric: watched.mostRefusalsFromOneCaller,
            alarmFriendlyName: 'RefusalBurst',
            addAlarm: alarm(
              'RefusalBurst',
              `One caller was refused ${threshold} times or more within the period: read the audit trail's refusal records of the top contributor of the Contributor Insights rule.`,
              {
                threshold,
                comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                // No refusal record, no contributor: a quiet trail is no burst.
                treatMissingDataOverride: TreatMissingData.NOT_BREACHING,
              },
            ),
          },
        ],
      },
    ],
  });
}
