import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

import type { AuditLog } from './audit-log';

/** The 401 count's metric name; its namespace is `UserProfile/{env}` (a metric filter sets no constant dimension). */
export const UNAUTHORIZED_METRIC = 'UnauthorizedRequests';

/** How long a burst of refusals is counted over. */
const BURST_PERIOD = Duration.minutes(5);

export interface RefusalSignalsProps {
  readonly environmentName: string;
  /** The stage's access log: its 401 lines are counted. */
  readonly accessLogGroup: logs.ILogGroup;
  /** The audit trail: its refusal records (`outcome: refused`) are ranked by actor. */
  readonly auditLog: AuditLog;
}

/**
 * What makes refusals countable. A 401 names nobody (the authorizer verified no token), so it is
 * counted: a metric filter on the stage's access log, which holds every 401 whoever answered it
 * (the authorizer's gateway response or a function). API Gateway's own `4XXError` metric would
 * not do: it lumps 401s with every 400, 403, 404, 409 and 412 the functions answer. A 403 names
 * its caller in a refusal record of the audit trail; a Contributor Insights rule ranks those
 * records by actor, so that the most refusals any one `sub` had in 5 minutes is a metric to
 * alarm on (see `watchRefusals`).
 */
export class RefusalSignals extends Construct {
  readonly unauthorizedFilter: logs.MetricFilter;
  /** 401s answered, summed per period. */
  readonly unauthorizedRequests: cloudwatch.Metric;
  /** Ranks refusal records by their `actor`: its report shows who was refused most. */
  readonly refusalsByActor: cloudwatch.CfnInsightRule;
  /** The most refusals one caller had in 5 minutes (`INSIGHT_RULE_METRIC`'s `MaxContributorValue`). */
  readonly mostRefusalsFromOneCaller: cloudwatch.MathExpression;

  constructor(scope: Construct, id: string, props: RefusalSignalsProps) {
    super(scope, id);
    const env = props.environmentName;
    this.unauthorizedFilter = new logs.MetricFilter(this, 'Unauthorized', {
      logGroup: props.accessLogGroup,
      // `$context.status` is written as a JSON string.
      filterPattern: logs.FilterPattern.stringValue('$.status', '=', '401'),
      metricNamespace: `UserProfile/${env}`,
      metricName: UNAUTHORIZED_METRIC,
      metricValue: '1',
      // Every other access-log line counts 0: a quiet period graphs as 0, not as a gap.
      defaultValue: 0,
      unit: cloudwatch.Unit.COUNT,
    });
    this.unauthorizedRequests = this.unauthorizedFilter.metric({
      statistic: cloudwatch.Stats.SUM,
      period: BURST_PERIOD,
      label: '401 answers',
    });

    const ruleName = `userprofile-${env}-refusals-by-actor`;
    this.refusalsByActor = new cloudwatch.CfnInsightRule(this, 'RefusalsByActor', {
      ruleName,
      ruleState: 'ENABLED',
      // Keyed by the actor only (a `sub`, never a target): the rule's report is readable by whoever
      // may read CloudWatch, without the audit key.
      ruleBody: JSON.stringify({
        Schema: { Name: 'CloudWatchLogRule', Version: 1 },
        LogGroupNames: [props.auditLog.logGroupName],
        LogFormat: 'JSON',
        Contribution: { Keys: ['$.actor'], Filters: [{ Match: '$.outcome', In: ['refused'] }] },
        AggregateOn: 'Count',
      }),
    });
    // The group's name is a literal (the rule body reads as written): the dependency is said here.
    this.refusalsByActor.node.addDependency(props.auditLog.logGroup);
    this.mostRefusalsFromOneCaller = new cloudwatch.MathExpression({
      expression: `INSIGHT_RULE_METRIC('${ruleName}', 'MaxContributorValue')`,
      usingMetrics: {},
      period: BURST_PERIOD,
      label: 'Most refusals from one caller',
    });
  }
}
