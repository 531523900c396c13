import { Match } from 'aws-cdk-lib/assertions';

import { UNAUTHORIZED_METRIC } from '../../src/constructs/refusal-signals';
import { logicalIdOf } from '../support/logical-id';
import { expectLogGroup, synthesizedApp, type Synthesized } from '../support/synthesized-app';

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };

const dev = synthesizedApp();
const prod = synthesizedApp({
  settings: { environmentName: 'prod', accessLogRetentionDays: 90, refusalBurstThreshold: 5 },
});

const only = (s: Synthesized, type: string): Resource => {
  const found = Object.values(s.template.findResources(type)) as Resource[];
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('every refusal is traceable', () => {
  it("writes the caller's sub and source address on every access-log line", () => {
    for (const s of [dev, prod]) {
      const stage = only(s, 'AWS::ApiGateway::Stage');
      const format = JSON.parse((stage.Properties.AccessLogSetting as { Format: string }).Format) as Record<
        string,
        string
      >;
      expect(format).toMatchObject({
        sub: '$context.authorizer.claims.sub',
        sourceIp: '$context.identity.sourceIp',
        status: '$context.status',
        resourcePath: '$context.resourcePath',
      });
    }
  });

  it('keeps the access log, which holds addresses, for 30 days unless configured otherwise', () => {
    expectLogGroup(dev, '/aws/apigateway/user-profile-api-dev/access', 30);
    expectLogGroup(prod, '/aws/apigateway/user-profile-api-prod/access', 90);
    // The function logs keep their own retention.
    dev.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/lambda/GetUserProfile-dev',
      RetentionInDays: 7,
    });
  });

  it('counts the 401 lines of the access log in a metric of its own', () => {
    dev.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: logicalIdOf(dev.stack, dev.stack.service.accessLogGroup) },
      FilterPattern: '{ $.status = "401" }',
      MetricTransformations: [
        {
          MetricNamespace: 'UserProfile/dev',
          MetricName: UNAUTHORIZED_METRIC,
          MetricValue: '1',
          DefaultValue: 0,
          Unit: 'Count',
        },
      ],
    });
    const dashboards = JSON.stringify(dev.template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toContain(`\\"UserProfile/dev\\",\\"${UNAUTHORIZED_METRIC}\\"`);
  });

  it("ranks the audit trail's refusal records by actor with a Contributor Insights rule", () => {
    // Prepare
    const rule = only(dev, 'AWS::CloudWatch::InsightRule');

    // Assess
    expect(rule.Properties).toMatchObject({ RuleName: 'userprofile-dev-refusals-by-actor', RuleState: 'ENABLED' });
    expect(JSON.parse(rule.Properties.RuleBody as string)).toEqual({
      Schema: { Name: 'CloudWatchLogRule', Version: 1 },
      LogGroupNames: ['/userprofile/dev/audit'],
      LogFormat: 'JSON',
      Contribution: { Keys: ['$.actor'], Filters: [{ Match: '$.outcome', In: ['refused'] }] },
      AggregateOn: 'Count',
    });
    expect(rule.DependsOn).toContain(logicalIdOf(dev.stack, dev.stack.auditLog.logGroup));
  });

  it.each([
    ['dev', () => dev, 20],
    ['prod', () => prod, 5],
  ])('%s: alarms on a burst of refusals from one caller, paging the alarm topic', (env, get, threshold) => {
    const s = get();
    const topic = { Ref: logicalIdOf(s.stack, s.stack.monitoring.alarmTopic) };
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `userprofile-${env}-RefusalBurst`,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      Metrics: [
        Match.objectLike({
          Expression: `INSIGHT_RULE_METRIC('userprofile-${env}-refusals-by-actor', 'MaxContributorValue')`,
          Period: 300,
        }),
      ],
      AlarmActions: [topic],
      OKActions: [topic],
    });
  });
});
