import type { IConstruct } from 'constructs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { PUT_EVENTS_MAX_ENTRIES } from '@userprofile/adapters-aws';

import {
  PROFILE_STREAM_DELIVERY,
  ProfileEvents,
  profileStreamFunctionTimeout,
} from '../../src/constructs/profile-events';
import { SERVICE_FUNCTION_DEFAULTS } from '../../src/constructs/service-function';
import type { UserProfileStack } from '../../src/user-profile-stack';
import { expectAlarm } from '../support/alarms';
import { handlerTypeOfBundleAlone } from '../support/load-bundle-alone';
import { expectLogGroup, synthesizedApp, type Synthesized } from '../support/synthesized-app';
import { logicalIdOf as templateLogicalId } from '../support/logical-id';

const dev = synthesizedApp({}, 'bundled');
const prod = synthesizedApp({ settings: { environmentName: 'prod', logRetentionDays: 90 } });

type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = (template: Template) => template.toJSON().Resources as Record<string, Resource>;
const logicalId = (stack: UserProfileStack, construct: IConstruct): string => templateLogicalId(stack, construct);
const ids = (s: Synthesized) => ({
  bus: logicalId(s.stack, s.stack.events.eventBus),
  queue: logicalId(s.stack, s.stack.events.deadLetterQueue),
  function: logicalId(s.stack, s.stack.events.publisher.function),
  role: logicalId(s.stack, s.stack.events.publisher.role),
  logGroup: logicalId(s.stack, s.stack.events.publisher.logGroup),
  table: logicalId(s.stack, s.stack.data.table),
  topic: logicalId(s.stack, s.stack.monitoring.alarmTopic),
});

describe('the profile event bus', () => {
  it('is userprofile-{env}, its name exported as {stack name}-EventBusName', () => {
    dev.template.hasResourceProperties('AWS::Events::EventBus', { Name: 'userprofile-dev' });
    prod.template.hasResourceProperties('AWS::Events::EventBus', { Name: 'userprofile-prod' });
    dev.template.hasOutput('EventBusName', {
      Value: { Ref: ids(dev).bus },
      Export: { Name: 'userprofile-dev-EventBusName' },
    });
    prod.template.hasOutput('EventBusName', { Export: { Name: 'userprofile-prod-EventBusName' } });
  });
});

describe('the stream function', () => {
  it('is PublishProfileChanges-{env} with the service defaults, the bus in its environment and a time-out per batch', () => {
    dev.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'PublishProfileChanges-dev',
      Runtime: SERVICE_FUNCTION_DEFAULTS.runtime.name,
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Handler: 'index.handler',
      Timeout: profileStreamFunctionTimeout().toSeconds(),
      Environment: { Variables: { EVENT_BUS_NAME: { Ref: ids(dev).bus }, POWERTOOLS_LOG_LEVEL: 'INFO' } },
    });
  });

  it("has a time-out above one PutEvents call's worst case times the calls a full batch needs", () => {
    const calls = Math.ceil(PROFILE_STREAM_DELIVERY.batchSize / PUT_EVENTS_MAX_ENTRIES);
    const worstCase = calls * PROFILE_STREAM_DELIVERY.putEventsCallWorstCase.toSeconds();
    expect(profileStreamFunctionTimeout().toSeconds()).toBeGreaterThan(worstCase);
    // Lambda's own ceiling.
    expect(profileStreamFunctionTimeout().toSeconds()).toBeLessThanOrEqual(900);
  });

  it('logs to its own log group with the configured retention, removed with dev and kept otherwise', () => {
    expectLogGroup(dev, '/aws/lambda/PublishProfileChanges-dev', 7);
    expectLogGroup(prod, '/aws/lambda/PublishProfileChanges-prod', 90);
  });

  it('is bundled self-contained: it loads with no node_modules around and exports its handler', () => {
    // Prepare
    const code = resources(dev.template)[ids(dev).function]?.Properties.Code as { S3Key: string };
    const bundlePath = join(dev.outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs');

    // Act
    const exported = handlerTypeOfBundleAlone(bundlePath, { EVENT_BUS_NAME: 'userprofile-test' });

    // Assess: it is the stream handler, not an HTTP route (no DI container, no validators).
    expect(exported).toBe('function');
    const bundle = readFileSync(bundlePath, 'utf8');
    expect({ inversify: bundle.includes('inversify'), classValidator: bundle.includes('class-validator') }).toEqual({
      inversify: false,
      classValidator: false,
    });
  });
});

describe("the event source mapping on the table's stream", () => {
  it('reports partial batch failures, bisects on error, retries a bounded number of times and ages, from TRIM_HORIZON', () => {
    const { table, function: fn, queue } = ids(dev);
    dev.template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    dev.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [table, 'StreamArn'] },
      FunctionName: { Ref: fn },
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 50,
      MaximumRecordAgeInSeconds: 6 * 3600,
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 1,
      ParallelizationFactor: 1,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
  });

  it('reads a stream that carries both images, and gives up on a record while the stream still holds it (24 h)', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(PROFILE_STREAM_DELIVERY.maxRecordAge.toHours()).toBeLessThan(24);
  });
});

describe('ProfileEvents', () => {
  it('refuses a table without a stream, naming it', () => {
    // Prepare
    const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'ProfileEventsProbe');
    const table = new dynamodb.Table(stack, 'NoStream', {
      partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING },
    });

    // Act
    const act = () =>
      new ProfileEvents(stack, 'Events', { environmentName: 'probe', table, logRetention: RetentionDays.ONE_DAY });

    // Assess
    expect(act).toThrow('ProfileEventsProbe/NoStream has no stream');
  });
});

describe('the dead-letter queue', () => {
  it('is encrypted, refuses non-TLS access and keeps messages 14 days', () => {
    const { queue } = ids(dev);
    dev.template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'userprofile-stream-failures-dev',
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    dev.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('alarms, to the alarm topic, as soon as one message is visible', () => {
    const { queue, topic } = ids(dev);
    expectAlarm(dev.template, 'userprofile-dev-ProfileEventsDeadLetters', {
      threshold: 0,
      topic: { Ref: topic },
      metric: {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Stat: 'Maximum',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      },
    });
  });
});

describe("the stream function's permissions", () => {
  it('are exactly: its logs, traces, PutEvents on this bus, stream read on this stream, send to its queue', () => {
    // Prepare: every statement of every policy attached to the function's role.
    const { role, logGroup, bus, table, queue } = ids(dev);
    const policies = Object.values(resources(dev.template)).filter(
      (r) =>
        (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') &&
        JSON.stringify(r.Properties.Roles ?? []).includes(role),
    );
    const roleResource = resources(dev.template)[role];

    // Act: flatten to "action on resource" pairs.
    const pairs = policies
      .flatMap(
        (p) =>
          (p.Properties.PolicyDocument as { Statement: { Effect: string; Action: unknown; Resource: unknown }[] })
            .Statement,
      )
      .flatMap((s) => {
        expect(s.Effect).toBe('Allow');
        return [s.Action]
          .flat()
          .flatMap((action) =>
            [s.Resource].flat().map((resource) => `${String(action)} on ${JSON.stringify(resource)}`),
          );
      })
      .sort();

    // Assess
    const on = (resource: unknown) => JSON.stringify(resource);
    const stream = on({ 'Fn::GetAtt': [table, 'StreamArn'] });
    const queueArn = on({ 'Fn::GetAtt': [queue, 'Arn'] });
    expect(pairs).toEqual(
      [
        `logs:CreateLogStream on ${on({ 'Fn::GetAtt': [logGroup, 'Arn'] })}`,
        `logs:PutLogEvents on ${on({ 'Fn::GetAtt': [logGroup, 'Arn'] })}`,
        `xray:PutTelemetryRecords on "*"`,
        `xray:PutTraceSegments on "*"`,
        `events:PutEvents on ${on({ 'Fn::GetAtt': [bus, 'Arn'] })}`,
        `dynamodb:DescribeStream on ${stream}`,
        `dynamodb:GetRecords on ${stream}`,
        `dynamodb:GetShardIterator on ${stream}`,
        `dynamodb:ListStreams on ${stream}`,
        `sqs:GetQueueAttributes on ${queueArn}`,
        `sqs:GetQueueUrl on ${queueArn}`,
        `sqs:SendMessage on ${queueArn}`,
      ].sort(),
    );
    expect(roleResource?.Properties.ManagedPolicyArns).toBeUndefined();
    expect(policies.every((p) => (p.Properties.Roles as unknown[]).length === 1)).toBe(true);
  });

  it('are in place before the mapping is created (Lambda checks the stream read when it creates one)', () => {
    // The mapping names the function, and the function waits for its role's policy.
    const { function: fn } = ids(dev);
    const policyId = logicalId(dev.stack, dev.stack.events.publisher.role.node.findChild('DefaultPolicy') as never);
    dev.template.hasResource('AWS::Lambda::Function', {
      Properties: { FunctionName: 'PublishProfileChanges-dev' },
      DependsOn: Match.arrayWith([policyId]),
    });
    dev.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionName: { Ref: fn } });
  });

  it('gives no route function but the erasure anything on the bus, and none the stream or the queue', () => {
    const routeRoles = [...dev.stack.service.functions.values()]
      .filter((fn) => fn.routes[0]?.functionName !== 'EraseUserAccount')
      .map((fn) => logicalId(dev.stack, fn.role));
    const { bus, queue } = ids(dev);
    const routePolicies = Object.values(resources(dev.template)).filter(
      (r) =>
        r.Type === 'AWS::IAM::Policy' && routeRoles.some((role) => JSON.stringify(r.Properties.Roles).includes(role)),
    );
    const text = JSON.stringify(routePolicies);
    expect({
      events: text.includes('events:'),
      bus: text.includes(bus),
      stream: text.includes('StreamArn'),
      queue: text.includes(queue),
    }).toEqual({ events: false, bus: false, stream: false, queue: false });
  });

  it('lets the erasure put events on the bus, and knows its name', () => {
    const erasure = dev.stack.service.functions.get('EraseUserAccount')!;
    const { bus } = ids(dev);
    const text = JSON.stringify(
      Object.values(resources(dev.template)).filter(
        (r) =>
          r.Type === 'AWS::IAM::Policy' &&
          JSON.stringify(r.Properties.Roles).includes(logicalId(dev.stack, erasure.role)),
      ),
    );
    const environment = resources(dev.template)[logicalId(dev.stack, erasure.function)]?.Properties.Environment;
    expect({ putEvents: text.includes('events:PutEvents'), onBus: text.includes(bus) }).toEqual({
      putEvents: true,
      onBus: true,
    });
    expect(JSON.stringify(environment)).toContain('"EVENT_BUS_NAME"');
  });
});

describe('monitoring of profile events', () => {
  const dashboardBody = (): string => {
    const body = Object.values(dev.template.findResources('AWS::CloudWatch::Dashboard'))[0]?.Properties.DashboardBody;
    // The body is an Fn::Join of literal JSON and references; the literals hold the widgets.
    return (body as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
      .join('');
  };

  it('graphs publish failures (the handler’s EMF metric, per function), iterator age and dead letters', () => {
    const body = dashboardBody();
    // Section headers: the events' own, and the queue's.
    expect(body).toContain('### Profile events: publish failures');
    expect(body).toContain('Profile events: dead-lettered');
    // The dimensions the handler's EMF lines carry (batch-metrics.test.ts), this function's name.
    const publisher = JSON.stringify({ Ref: ids(dev).function });
    expect(body).toContain(
      `"UserProfile","EventPublishFailures","FunctionName","${publisher}","service","userprofile"`,
    );
    expect(body).toContain('"UserProfile","EventsPublished"');
    expect(body).toContain(`"AWS/Lambda","IteratorAge","FunctionName","${publisher}"`);
    expect(body).toContain(
      `"AWS/SQS","ApproximateNumberOfMessagesVisible","QueueName","${JSON.stringify({ 'Fn::GetAtt': [ids(dev).queue, 'QueueName'] })}"`,
    );
  });

  it('alarms when the stream function falls 10 minutes behind, and on its errors and throttles', () => {
    const { function: fn, topic } = ids(dev);
    expectAlarm(dev.template, 'userprofile-dev-ProfileStreamIteratorAge', {
      threshold: 10 * 60 * 1000,
      topic: { Ref: topic },
      metric: {
        Namespace: 'AWS/Lambda',
        MetricName: 'IteratorAge',
        Stat: 'Maximum',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
      },
    });
    // Someone is told long before the mapping gives records up.
    expect(10 * 60 * 1000).toBeLessThan(PROFILE_STREAM_DELIVERY.maxRecordAge.toMilliseconds() / 10);
    for (const metric of ['Errors', 'Throttles']) {
      expectAlarm(dev.template, `userprofile-dev-PublishProfileChanges${metric}`, {
        threshold: 0,
        topic: { Ref: topic },
        metric: {
          Namespace: 'AWS/Lambda',
          MetricName: metric,
          Stat: 'Sum',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
        },
      });
    }
  });
});
