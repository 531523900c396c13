import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { MAX_BODY_BYTES, PROBLEM_KINDS, problemType, SECURITY_HEADERS } from '@userprofile/http-lambda/contract';
import { Construct } from 'constructs';

import { FirewallLogging } from './firewall-logging';

/** How long WAF counts a client's requests for the rate-based rule (its default window). */
export const RATE_WINDOW_SECONDS = 300;

/** The body size above which the common rule set's `SizeRestrictions_BODY` blocks (8 KB, AWS's documented figure for the rule). */
export const WAF_BODY_LIMIT_BYTES = 8 * 1024;

/**
 * How much of a body API Gateway sends WAF to inspect: 16 KB, the default and the cheapest,
 * stated so it cannot drift. A body over it is "oversize", which the size rule matches.
 */
export const WAF_INSPECTION_LIMIT = 'KB_16';

/** The AWS managed rule groups the web ACL runs, in evaluation order after the rate rule. */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesCommonRuleSet'] as const;

export interface ApiFirewallProps {
  /** Environment suffix of the web ACL, metric and alarm names. */
  readonly environmentName: string;
  /** The stage the web ACL guards. */
  readonly stage: apigateway.Stage;
  /** Requests one IP may send in {@link RATE_WINDOW_SECONDS} before WAF blocks it. */
  readonly rateLimitPerIp: number;
  /** Where the blocked-requests alarm notifies. @default - nowhere (the alarm still shows its state) */
  readonly alarmTopic?: sns.ITopic;
  /** Blocked requests in 5 minutes above which the alarm fires. @default 100 */
  readonly blockedRequestsThreshold?: number;
  /** How long WAF's log of blocked and counted requests is kept. @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** What happens to WAF's log group when the stack is deleted. @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * A regional WAFv2 web ACL on the API stage: a per-IP rate-based rule first (answering 429 as a
 * problem), then AWS's known-bad-inputs and common rule sets, and an alarm on blocked requests.
 * The stage's throttle caps the whole API; this stops one client from spending all of it.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly association: wafv2.CfnWebACLAssociation;
  /** Fires when WAF blocks more than the threshold in 5 minutes: an attack, or real clients refused. */
  readonly blockedRequestsAlarm: cloudwatch.Alarm;
  /** The web ACL's CloudWatch metric name (the `WebACL` dimension of its metrics). */
  readonly metricName: string;
  /** WAF's own log group and its logging configuration. */
  readonly logging: FirewallLogging;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const name = `userprofile-${props.environmentName}`;
    this.metricName = `${name}-waf`;
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      // Sampled requests keep each request's URL and headers, the ID token (with its email claim)
      // included: personal data. Each rule's own metric says which rule blocks instead.
      sampledRequestsEnabled: false,
    });
    const tooMany = PROBLEM_KINDS['too-many-requests'];
    const tooLarge = PROBLEM_KINDS['payload-too-large'];
    const commonOverrides = commonRuleSetOverrides();
    // WAF's own answers carry the headers every answer of this API carries.
    const securityHeaders = Object.entries(SECURITY_HEADERS).map(([name, value]) => ({ name, value }));

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: `${name}-api`,
      description: `userprofile ${props.environmentName}: per-IP rate limit and AWS managed rule sets`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(this.metricName),
      associationConfig: { requestBody: { API_GATEWAY: { defaultSizeInspectionLimit: WAF_INSPECTION_LIMIT } } },
      customResponseBodies: {
        'payload-too-large': {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: problemType('payload-too-large'),
            title: tooLarge.title,
            status: tooLarge.status,
            detail: `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`,
          }),
        },
        'too-many-requests': {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: problemType('too-many-requests'),
            title: tooMany.title,
            status: tooMany.status,
            detail: `More than ${props.rateLimitPerIp} requests in ${RATE_WINDOW_SECONDS / 60} minutes from one address; slow down.`,
          }),
        },
      },
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          statement: {
            rateBasedStatement: {
              limit: props.rateLimitPerIp,
              aggregateKeyType: 'IP',
              evaluationWindowSec: RATE_WINDOW_SECONDS,
            },
          },
          action: {
            block: {
              customResponse: {
                responseCode: tooMany.status,
                customResponseBodyKey: 'too-many-requests',
                responseHeaders: [{ name: 'Retry-After', value: String(RATE_WINDOW_SECONDS) }, ...securityHeaders],
              },
            },
          },
          visibilityConfig: visibility(`${name}-waf-rate-limit`),
        },
        // A body over the API's limit is refused here, so it never reaches (or bills) a function.
        {
          name: 'BodyTooLarge',
          priority: 1,
          statement: {
            sizeConstraintStatement: {
              fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
              comparisonOperator: 'GT',
              size: MAX_BODY_BYTES,
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
          action: {
            block: {
              customResponse: {
                responseCode: tooLarge.status,
                customResponseBodyKey: 'payload-too-large',
                responseHeaders: securityHeaders,
              },
            },
          },
          visibilityConfig: visibility(`${name}-waf-body-too-large`),
        },
        ...MANAGED_RULE_GROUPS.map((group, index) => ({
          name: group,
          priority: index + 2,
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: group,
              ...(group === 'AWSManagedRulesCommonRuleSet' &&
                commonOverrides.length > 0 && { ruleActionOverrides: commonOverrides }),
            },
          },
          overrideAction: { none: {} },
          visibilityConfig: visibility(`${name}-waf-${group}`),
        })),
      ],
    });

    this.logging = new FirewallLogging(this, 'Logging', {
      environmentName: props.environmentName,
      webAcl: this.webAcl,
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.association = new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });

    const blocked = new cloudwatch.Metric({
      namespace: 'AWS/WAFV2',
      metricName: 'BlockedRequests',
      dimensionsMap: { WebACL: this.metricName, Region: Aws.REGION, Rule: 'ALL' },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
    });
    this.blockedRequestsAlarm = new cloudwatch.Alarm(this, 'BlockedRequestsAlarm', {
      alarmName: `${name}-WafBlockedRequests`,
      alarmDescription:
        'WAF blocked more requests than usual: a flood or a scan, or a rule refusing real clients (each rule has its own metric).',
      metric: blocked,
      threshold: props.blockedRequestsThreshold ?? 100,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmTopic) {
      const notify = new actions.SnsAction(props.alarmTopic);
      this.blockedRequestsAlarm.addAlarmAction(notify);
      this.blockedRequestsAlarm.addOkAction(notify);
    }
  }
}

/**
 * `SizeRestrictions_BODY` blocks bodies over 8 KB, but the API accepts up to MAX_BODY_BYTES: it
 * only counts, and the web ACL's own `BodyTooLarge` rule blocks above the API's limit.
 */
function commonRuleSetOverrides(): wafv2.CfnWebACL.RuleActionOverrideProperty[] {
  if (MAX_BODY_BYTES <= WAF_BODY_LIMIT_BYTES) return [];
  return [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }];
}
