import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ROUTES } from '@userprofile/http-lambda/routes';
import { MAX_BODY_BYTES } from '@userprofile/http-lambda/contract';

import { createUserProfileApp } from '../../src/app';
import { InvalidServiceSettingError, resolveServiceSettings } from '../../src/config';
import { MANAGED_RULE_GROUPS, WAF_BODY_LIMIT_BYTES } from '../../src/constructs/api-firewall';
import type { UserProfileStack } from '../../src/user-profile-stack';
import { cdkJsonContext } from '../support/cdk-json-context';
import { logicalIdOf as templateLogicalId } from '../support/logical-id';

// Issue 12 part 2 (abuse limits) and the infra side of part 1 (no personal data in X-Ray,
// execution logs or access logs). Bundling is skipped: none of this depends on the bundles.

type Resource = { Type: string; Properties: Record<string, unknown> };
interface Synthesized {
  readonly stack: UserProfileStack;
  readonly template: Template;
}

const synth = (context: Record<string, unknown>): Synthesized => {
  const { stack } = createUserProfileApp({
    appProps: { context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } },
  });
  return { stack, template: Template.fromStack(stack) };
};
let dev: Synthesized;
let prodInfo: Synthesized;
let noWaf: Synthesized;

beforeAll(() => {
  dev = synth({});
  // The most talkative settings a deployer may choose: execution logs at INFO.
  prodInfo = synth({ env: 'prod', executionLogLevel: 'INFO', wafRateLimit: '500' });
  noWaf = synth({ waf: 'false' });
});

const only = (template: Template, type: string): Resource => {
  const found = Object.values(template.toJSON().Resources as Record<string, Resource>).filter((r) => r.Type === type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as Resource;
};

describe('the WAF web ACL', () => {
  it('guards the stage with a per-IP rate rule first, then the body-size rule, then the managed rule groups', () => {
    // Assess
    const acl = only(prodInfo.template, 'AWS::WAFv2::WebACL').Properties;
    expect(acl).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    const rules = acl.Rules as { Name: string; Priority: number; Statement: Record<string, unknown> }[];
    expect(rules.sort((a, b) => a.Priority - b.Priority).map((rule) => rule.Name)).toEqual([
      'RateLimitPerIp',
      'BodyTooLarge',
      ...MANAGED_RULE_GROUPS,
    ]);
    expect(rules[0]?.Statement).toEqual({
      RateBasedStatement: { AggregateKeyType: 'IP', EvaluationWindowSec: 300, Limit: 500 },
    });
    expect(MANAGED_RULE_GROUPS).toEqual(
      expect.arrayContaining(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']),
    );
    prodInfo.template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: Match.objectLike({
        'Fn::Join': [
          '',
          Match.arrayWith([{ Ref: templateLogicalId(prodInfo.stack, prodInfo.stack.service.api.deploymentStage) }]),
        ],
      }),
      WebACLArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FirewallWebAcl'), 'Arn'] },
    });
  });

  it('answers a client over the rate limit 429 with a problem, not WAF’s bare 403', () => {
    const acl = only(dev.template, 'AWS::WAFv2::WebACL').Properties;
    const rate = (
      acl.Rules as { Name: string; Action?: { Block?: { CustomResponse?: Record<string, unknown> } } }[]
    ).find((rule) => rule.Name === 'RateLimitPerIp');
    expect(rate?.Action?.Block?.CustomResponse).toMatchObject({ ResponseCode: 429 });
    const key = rate?.Action?.Block?.CustomResponse?.CustomResponseBodyKey as string;
    const body = (acl.CustomResponseBodies as Record<string, { Content: string }>)[key];
    expect(JSON.parse(body?.Content ?? '{}')).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
  });

  it('lets bodies up to the API’s own limit through the common rule set (its size rule only counts)', () => {
    // Prepare: the rule blocks above 8 KB; the handlers accept up to MAX_BODY_BYTES and answer 413 above
    expect(MAX_BODY_BYTES).toBeGreaterThan(WAF_BODY_LIMIT_BYTES);

    // Assess
    dev.template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'AWSManagedRulesCommonRuleSet',
          OverrideAction: { None: {} },
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({
              RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
            }),
          },
        }),
      ]),
    });
  });

  it('alarms on blocked requests, notifying the service’s alarm topic', () => {
    const acl = only(dev.template, 'AWS::WAFv2::WebACL').Properties;
    const aclMetric = (acl.VisibilityConfig as { MetricName: string }).MetricName;
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'userprofile-dev-WafBlockedRequests',
      Namespace: 'AWS/WAFV2',
      MetricName: 'BlockedRequests',
      Dimensions: [
        { Name: 'Region', Value: { Ref: 'AWS::Region' } },
        { Name: 'Rule', Value: 'ALL' },
        { Name: 'WebACL', Value: aclMetric },
      ],
      AlarmActions: [{ Ref: dev.stack.getLogicalId(dev.stack.monitoring.alarmTopic.node.defaultChild as never) }],
    });
  });

  it('keeps no sampled requests (they hold headers, the ID token among them), only metrics per rule', () => {
    const acl = only(dev.template, 'AWS::WAFv2::WebACL').Properties;
    const configs = [
      acl.VisibilityConfig,
      ...(acl.Rules as { VisibilityConfig: unknown }[]).map((rule) => rule.VisibilityConfig),
    ] as { SampledRequestsEnabled: boolean; CloudWatchMetricsEnabled: boolean; MetricName: string }[];
    for (const config of configs) {
      expect(config).toMatchObject({ SampledRequestsEnabled: false, CloudWatchMetricsEnabled: true });
    }
    expect(new Set(configs.map((config) => config.MetricName)).size).toBe(configs.length);
  });

  it('is gone with -c waf=false, and only then is the missing WAF acknowledged', () => {
    noWaf.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    noWaf.template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    expect(noWaf.stack.firewall).toBeUndefined();
    // cdk-nag stays clean both ways: the WAF fixes APIG3, its absence is acknowledged with a reason.
    for (const { stack } of [dev, noWaf]) {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    }
    const acknowledged = (stack: UserProfileStack) =>
      JSON.stringify(stack.service.api.deploymentStage.node.metadata).includes('AwsSolutions-APIG3');
    expect(acknowledged(noWaf.stack)).toBe(true);
    expect(acknowledged(dev.stack)).toBe(false);
  });

  it.each([
    ['waf', 'maybe', 'wafEnabled'],
    ['wafRateLimit', '5', 'wafRateLimit'],
    ['wafRateLimit', 'lots', 'wafRateLimit'],
  ])('refuses -c %s=%s naming the setting', (key, value, setting) => {
    const raw = key === 'waf' ? { wafEnabled: value } : { wafRateLimit: value };
    expect(() => resolveServiceSettings(raw)).toThrow(InvalidServiceSettingError);
    expect(() => resolveServiceSettings(raw)).toThrow(`"${setting}"`);
  });

  it('is on by default at 1000 requests per IP per 5 minutes', () => {
    expect(resolveServiceSettings({})).toMatchObject({ wafEnabled: true, wafRateLimit: 1000 });
    expect(resolveServiceSettings({ wafEnabled: false }).wafEnabled).toBe(false);
  });
});

describe('per-route throttles', () => {
  it('gives each route with its own throttle a method setting with those figures and the stage’s logging', () => {
    const settings = only(dev.template, 'AWS::ApiGateway::Stage').Properties.MethodSettings as Record<
      string,
      unknown
    >[];
    const throttled = ROUTES.filter((route) => route.throttle !== undefined);
    expect(throttled.map((route) => `${route.method} ${route.path}`)).toContain('GET /users');
    for (const route of throttled) {
      expect(settings).toContainEqual({
        HttpMethod: route.method,
        ResourcePath: `/${route.path.replace(/\//g, '~1')}`,
        ThrottlingRateLimit: route.throttle?.rateLimit,
        ThrottlingBurstLimit: route.throttle?.burstLimit,
        LoggingLevel: 'ERROR',
        MetricsEnabled: true,
        DataTraceEnabled: false,
      });
      // A route's own throttle only ever tightens the stage's.
      expect(route.throttle?.rateLimit).toBeLessThan(dev.stack.settings.throttlingRateLimit);
    }
  });
});

describe('no personal data in the stage’s telemetry', () => {
  // Fields of $context that never hold a query string, a body, a header value or a client address.
  const SAFE_CONTEXT_FIELDS = new Set([
    'requestId',
    'extendedRequestId',
    'requestTime',
    'httpMethod',
    'resourcePath',
    'status',
    'protocol',
    'responseLength',
    'responseLatency',
    'integrationLatency',
    'integrationStatus',
    'error.message',
    'authorizer.error',
    'xrayTraceId',
    // Who was refused, and from where (issue 32): the verified sub and the address, nothing else of the caller.
    'authorizer.claims.sub',
    'identity.sourceIp',
  ]);

  it.each([
    ['dev (ERROR)', () => dev],
    ['prod (INFO)', () => prodInfo],
  ])('%s: no X-Ray on the stage, no data tracing on any method, access logs of safe fields only', (_name, get) => {
    const stage = only(get().template, 'AWS::ApiGateway::Stage').Properties;

    // Assess: X-Ray's gateway segment records the URL as sent, query string included
    expect(stage.TracingEnabled).toBe(false);

    // Assess: data tracing logs query strings, headers and bodies, whatever the level
    const methodSettings = stage.MethodSettings as Record<string, unknown>[];
    expect(methodSettings.length).toBeGreaterThan(0);
    for (const setting of methodSettings) {
      expect(setting.DataTraceEnabled).toBe(false);
      expect(['ERROR', 'INFO']).toContain(setting.LoggingLevel);
    }

    // Assess: every variable of the access log format is a $context field known to be safe
    const format = (stage.AccessLogSetting as { Format: string }).Format;
    const variables = format.match(/\$[A-Za-z_.{}]+/g) ?? [];
    expect(variables.length).toBeGreaterThan(0);
    for (const variable of variables) {
      expect(variable).toMatch(/^\$context\./);
      expect(SAFE_CONTEXT_FIELDS).toContain(variable.slice('$context.'.length));
    }
    expect(format).not.toMatch(/\$input|requestOverride|\$context\.path|querystring|identity\.(?!sourceIp")/i);
  });

  it('keeps personal data out of every route’s URL shape: the only path parameter is the opaque userId', () => {
    for (const route of ROUTES) {
      const parameters = route.path.match(/\{[^}]+\}/g) ?? [];
      expect(parameters.every((parameter) => parameter === '{userId}')).toBe(true);
    }
  });
});
