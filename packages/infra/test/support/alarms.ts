import type { Template } from 'aws-cdk-lib/assertions';

/** One metric an alarm watches, however the template spells it. */
export interface WatchedMetric {
  readonly Namespace: string;
  readonly MetricName: string;
  readonly Dimensions: unknown[];
  readonly Stat: string;
  readonly Period: number;
}

/** An alarm's properties, as a user reads them in the console. */
export interface AlarmProperties {
  readonly AlarmName: string;
  readonly Threshold: number;
  readonly ComparisonOperator: string;
  readonly EvaluationPeriods: number;
  readonly DatapointsToAlarm?: number;
  readonly TreatMissingData?: string;
  readonly AlarmActions?: unknown[];
  readonly OKActions?: unknown[];
  readonly [key: string]: unknown;
}

type MetricDataQuery = {
  Expression?: string;
  MetricStat?: { Metric: Omit<WatchedMetric, 'Stat' | 'Period'>; Stat: string; Period: number };
};

/** The alarm of this name; fails the test when there is none. */
export function alarmNamed(template: Template, name: string): AlarmProperties {
  const found = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: name } }));
  if (found.length !== 1) throw new Error(`expected one alarm named ${name}, found ${found.length}`);
  return found[0]?.Properties as AlarmProperties;
}

/**
 * Every metric the alarm reads: its single metric (`MetricName`...), or each `MetricStat` of its
 * metric math. CDK writes the second form whenever a metric carries a label, so a test that
 * pinned one form would fail on a change no user sees.
 */
export function watchedMetrics(alarm: AlarmProperties): WatchedMetric[] {
  if (typeof alarm.MetricName === 'string') {
    return [
      {
        Namespace: alarm.Namespace as string,
        MetricName: alarm.MetricName,
        Dimensions: (alarm.Dimensions as unknown[]) ?? [],
        Stat: (alarm.Statistic ?? alarm.ExtendedStatistic) as string,
        Period: alarm.Period as number,
      },
    ];
  }
  return ((alarm.Metrics as MetricDataQuery[]) ?? []).flatMap(({ MetricStat }) =>
    MetricStat ? [{ ...MetricStat.Metric, Stat: MetricStat.Stat, Period: MetricStat.Period }] : [],
  );
}

/** What a user relies on in one alarm: when it fires, on what, and whom it tells. */
export interface ExpectedAlarm {
  /** It fires strictly above this. */
  readonly threshold: number;
  /** Periods (of 5 minutes) looked at, and how many of them must breach. @default 1 of 1 */
  readonly datapoints?: readonly [breaching: number, of: number];
  /** The topic it tells, on alarm and back to OK. */
  readonly topic: unknown;
  /** The one metric it reads. */
  readonly metric: Omit<WatchedMetric, 'Period'>;
}

/** Asserts the alarm of this name fires, reads and tells as `expected` says; returns it. */
export function expectAlarm(template: Template, name: string, expected: ExpectedAlarm): AlarmProperties {
  const alarm = alarmNamed(template, name);
  const [breaching, of] = expected.datapoints ?? [1, 1];
  expect(alarm).toMatchObject({
    ComparisonOperator: 'GreaterThanThreshold',
    Threshold: expected.threshold,
    DatapointsToAlarm: breaching,
    EvaluationPeriods: of,
    AlarmActions: [expected.topic],
    OKActions: [expected.topic],
  });
  expect(watchedMetrics(alarm)).toEqual([{ ...expected.metric, Period: 300 }]);
  return alarm;
}
