import type { IConstruct } from 'constructs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { App, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, rules as nagRules } from 'cdk-nag';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { SSM_PARAMETER_NAMES, USER_PROFILE_TABLE } from '@userprofile/adapters-aws';
import { ROUTES, isReadOnly, type RouteDefinition } from '@userprofile/http-lambda/routes';
import { TRIGGERS } from '@userprofile/identity-lambda/triggers';

import { createUserProfileApp } from '../../src/app';
import { GATEWAY_PROBLEMS } from '../../src/constructs/gateway-responses';
import { RouteFunction } from '../../src/constructs/route-functions';
import { SERVICE_FUNCTION_DEFAULTS } from '../../src/constructs/service-function';
import { CORS_MAX_AGE_SECONDS } from '@userprofile/http-lambda/contract';
import { cdkJsonContext } from '../support/cdk-json-context';
import { handlerTypeOfBundleAlone } from '../support/load-bundle-alone';
import { alarmNamed, expectAlarm, watchedMetrics } from '../support/alarms';
import { expectLogGroup, synthesizedApp } from '../support/synthesized-app';
import { logicalIdOf as templateLogicalId } from '../support/logical-id';
import { logGroupArnJoin } from '../support/log-group-arn';

const dev = synthesizedApp({}, 'bundled');
const prod = synthesizedApp({
  settings: {
    environmentName: 'prod',
    billingMode: 'on-demand',
    logRetentionDays: 90,
    corsAllowedOrigins: ['https://admin.example.com'],
    executionLogLevel: 'INFO',
    alarmEmail: 'ops@example.com',
  },
});

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: unknown }>;
/** The API's resource paths (`/users`, `/users/search`, `/users/{userId}`). */
const ROUTE_PATHS = new Set(ROUTES.map((route) => route.path));
const resources = (template: Template): Resources => template.toJSON().Resources as Resources;
const logicalId = (stack: Stack, construct: IConstruct): string => templateLogicalId(stack, construct);

describe('the DynamoDB table', () => {
  it('is user-profiles-{env}, keyed by userId, with PITR, encryption and new+old image streams', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'user-profiles-dev',
      KeySchema: [{ AttributeName: USER_PROFILE_TABLE.partitionKey.name, KeyType: 'HASH' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('has the email index the list-by-email route queries, projecting all attributes', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: USER_PROFILE_TABLE.emailIndex.indexName,
          KeySchema: [{ AttributeName: USER_PROFILE_TABLE.emailIndex.partitionKey.name, KeyType: 'HASH' }],
          Projection: { ProjectionType: USER_PROFILE_TABLE.emailIndex.projection },
        }),
      ],
    });
  });

  it('is provisioned by default, with the configured capacity on table and index', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
      GlobalSecondaryIndexes: [
        Match.objectLike({ ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }),
      ],
    });
  });

  it('auto scales reads and writes of table and index when provisioned', () => {
    const tableId = logicalId(dev.stack, dev.stack.data.table);
    const targets = dev.template.findResources('AWS::ApplicationAutoScaling::ScalableTarget');
    const dimensions = Object.values(targets).map((t) => [
      t.Properties.ScalableDimension,
      t.Properties.MinCapacity,
      t.Properties.MaxCapacity,
    ]);
    expect(dimensions).toEqual(
      expect.arrayContaining([
        ['dynamodb:table:ReadCapacityUnits', 1, 50],
        ['dynamodb:table:WriteCapacityUnits', 1, 50],
        ['dynamodb:index:ReadCapacityUnits', 1, 50],
        ['dynamodb:index:WriteCapacityUnits', 1, 50],
      ]),
    );
    expect(dimensions).toHaveLength(4);
    dev.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ResourceId: {
        'Fn::Join': ['', ['table/', { Ref: tableId }, `/index/${USER_PROFILE_TABLE.emailIndex.indexName}`]],
      },
    });
    dev.template.resourcePropertiesCountIs(
      'AWS::ApplicationAutoScaling::ScalingPolicy',
      {
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 70 }),
      },
      4,
    );
  });

  it('is billed on demand, without auto scaling, when asked', () => {
    prod.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'user-profiles-prod',
      BillingMode: 'PAY_PER_REQUEST',
      ProvisionedThroughput: Match.absent(),
    });
    prod.template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
  });

  it("is retained with any stack (it may hold the original stack's data), protected from deletion outside dev", () => {
    dev.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
    prod.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    prod.template.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
  });
});

describe('the SSM parameters', () => {
  const parameter = (template: Template, name: string) =>
    Object.values(template.findResources('AWS::SSM::Parameter', { Properties: { Name: name } }));

  it('hold the table name and the API endpoint under /userprofile/{env}/', () => {
    const tableId = logicalId(dev.stack, dev.stack.data.table);
    expect(parameter(dev.template, '/userprofile/dev/database/table-name')[0]?.Properties).toMatchObject({
      Type: 'String',
      Value: { Ref: tableId },
    });
    const endpoint = parameter(dev.template, '/userprofile/dev/api/endpoint')[0];
    expect(JSON.stringify(endpoint?.Properties.Value)).toContain(logicalId(dev.stack, dev.stack.service.api));
  });

  it('hold every runtime setting the config provider reads, with the defaults', () => {
    const values = Object.fromEntries(
      Object.values(SSM_PARAMETER_NAMES).map((name) => [
        name,
        parameter(dev.template, `/userprofile/dev/${name}`)[0]?.Properties.Value,
      ]),
    );
    expect(values).toEqual({
      'database/table-name': { Ref: logicalId(dev.stack, dev.stack.data.table) },
      'api/cors-allowed-origins': 'none',
      'api/default-page-size': '20',
      'api/max-page-size': '100',
      'api/require-if-match': 'false',
    });
    expect(parameter(prod.template, '/userprofile/prod/api/cors-allowed-origins')[0]?.Properties.Value).toBe(
      'https://admin.example.com',
    );
  });
});

describe('the Lambda functions', () => {
  it("are one per function name, named {functionName}-{env}: the original stack's five names and the lookup", () => {
    const names = [...new Set(ROUTES.map((route) => route.functionName))];
    // One per route function, plus the profile stream's publisher (profile-events.test.ts) and
    // the user pool's triggers (user-pool-triggers.test.ts).
    dev.template.resourceCountIs('AWS::Lambda::Function', names.length + 1 + TRIGGERS.length);
    for (const name of [
      'CreateUserProfile',
      'GetUserProfile',
      'UpdateUserProfile',
      'DeleteUserProfile',
      'ListUserProfiles',
      'SearchUserProfiles',
    ]) {
      dev.template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: `${name}-dev` });
    }
  });

  it('run on the newest Node.js runtime, arm64, traced, ESM, with the composition root environment', () => {
    for (const route of ROUTES) {
      dev.template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `${route.functionName}-dev`,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: SERVICE_FUNCTION_DEFAULTS.memorySize,
        Timeout: 10,
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: logicalId(dev.stack, dev.stack.data.table) },
            CONFIG_PREFIX: '/userprofile/dev/',
            LOG_LEVEL: 'INFO',
            POWERTOOLS_SERVICE_NAME: 'userprofile',
          },
        },
      });
    }
  });

  it('use the newest Node.js runtime aws-cdk-lib knows', () => {
    const newest = Runtime.ALL.filter((r) => /^nodejs\d+\.x$/.test(r.name))
      .map((r) => r.name)
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .pop();
    expect(SERVICE_FUNCTION_DEFAULTS.runtime.name).toBe(newest);
  });

  it('each have a log group with the configured retention (7 days by default), removed with dev and kept otherwise', () => {
    for (const route of ROUTES) {
      expectLogGroup(dev, `/aws/lambda/${route.functionName}-dev`, 7);
      expectLogGroup(prod, `/aws/lambda/${route.functionName}-prod`, 90);
    }
  });

  it('are bundled by esbuild as minified, self-contained ES modules that load with no node_modules around', () => {
    for (const deployed of dev.stack.service.routes) {
      const code = resources(dev.template)[logicalId(dev.stack, deployed.function.function)]?.Properties.Code as {
        S3Key: string;
      };
      const bundlePath = join(dev.outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs');
      const bundle = readFileSync(bundlePath, 'utf8');
      // (booleans, so a failure does not print half a megabyte of minified code)
      expect({
        esmBanner: bundle.startsWith("import { createRequire as __cjsRequire } from 'node:module';"),
      }).toEqual({ esmBanner: true });
      expect({ minified: bundle.split('\n').length < bundle.length / 500 }).toEqual({ minified: true });
      // Copied where no node_modules can be found, it must still load: nothing was left external.
      const exported = handlerTypeOfBundleAlone(bundlePath, {
        TABLE_NAME: 'user-profiles-test',
        CONFIG_PREFIX: '/userprofile/test/',
        AUDIT_LOG_GROUP: '/userprofile/test/audit',
        ADMIN_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Admins001',
        CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:cursor-keys-AbCdEf',
        PSEUDONYM_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:audit-pseudonym-key-AbCdEf',
        IDEMPOTENCY_TABLE_NAME: 'user-profile-idempotency-test',
        USER_POOL_ID: 'eu-west-1_EndUsers01',
        EVENT_BUS_NAME: 'userprofile-test',
      });
      expect(exported).toBe('function');
    }
  });

  it('reach SSM, CloudWatch Logs and Secrets Manager (the pseudonym key, and the cursor keys on paged routes) through the official clients', () => {
    // Assess: a minified bundle keeps each client's name and each operation's name as strings.
    const clientsOf = (deployed: (typeof dev.stack.service.routes)[number]) => {
      const code = resources(dev.template)[logicalId(dev.stack, deployed.function.function)]?.Properties.Code as {
        S3Key: string;
      };
      const bundle = readFileSync(join(dev.outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs'), 'utf8');
      return {
        route: `${deployed.route.method} ${deployed.route.path}`,
        ssmGetParameters: bundle.includes('"SSMClient"') && bundle.includes('"GetParameters"'),
        logsPutLogEvents: bundle.includes('"CloudWatchLogsClient"') && bundle.includes('"PutLogEvents"'),
        secretsManager: bundle.includes('"SecretsManagerClient"'),
      };
    };
    const routes = dev.stack.service.routes;
    expect(routes.map(clientsOf)).toEqual(
      routes.map(({ route }) => ({
        route: `${route.method} ${route.path}`,
        ssmGetParameters: true,
        logsPutLogEvents: true,
        secretsManager: true,
      })),
    );
  });
});

describe('each route of the route table', () => {
  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s has its method, the Cognito authorizer and its own function and role',
    (_name, route) => {
      // Prepare
      const { stack, template } = dev;
      const all = resources(template);
      const deployed = stack.service.routes.find((r) => r.route === route);
      if (!deployed) throw new Error(`no deployed route for ${route.method} ${route.path}`);
      const functionId = logicalId(stack, deployed.function.function);
      const roleId = logicalId(stack, deployed.function.role);

      // Assess: the method, on the right resource path, authorized by Cognito, proxying to the function
      const method = all[logicalId(stack, deployed.method)];
      expect(method?.Type).toBe('AWS::ApiGateway::Method');
      expect(method?.Properties).toMatchObject({
        HttpMethod: route.method,
        AuthorizationType: 'COGNITO_USER_POOLS',
        AuthorizerId: { Ref: logicalId(stack, stack.service.auth.authorizer as never) },
        Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' },
      });
      expect(JSON.stringify(method?.Properties.Integration)).toContain(functionId);
      const resourceId = (method?.Properties.ResourceId as { Ref: string }).Ref;
      expect(all[resourceId]?.Properties.PathPart).toBe(route.path.split('/').pop());

      // Assess: the function runs as its own role
      expect(all[functionId]?.Properties.Role).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });

      // Assess: the role's exact permissions (actions × resources) are held in exact-iam.test.ts
      const attachedElsewhere = Object.values(all).filter(
        (r) =>
          r.Type === 'AWS::IAM::Policy' &&
          JSON.stringify(r.Properties.Roles).includes(roleId) &&
          (r.Properties.Roles as unknown[]).length > 1,
      );
      expect(attachedElsewhere).toHaveLength(0);
    },
  );

  it('gives a read-only route no write action at all: only the writes (idempotent rows) and the erasure may write', () => {
    const readOnly = ROUTES.filter(isReadOnly);
    // The erasure deletes without Idempotency-Key: it is idempotent by nature (a repeat finds nothing).
    const erasure = (route: RouteDefinition) => route.parts.includes('accountDirectory');
    expect(readOnly.map((r) => `${r.method} ${r.path}`)).toEqual(
      ROUTES.filter((route) => !route.idempotent && !erasure(route)).map((r) => `${r.method} ${r.path}`),
    );
    expect(readOnly.length).toBeGreaterThan(0);
  });
});

describe('a route function', () => {
  it('serves PUT and PATCH with one function holding the union of their table actions', () => {
    const update = dev.stack.service.functions.get('UpdateUserProfile');
    expect(update?.routes.map((route) => route.method)).toEqual(['PUT', 'PATCH']);
    const served = ROUTES.filter((route) => route.functionName === 'UpdateUserProfile');
    expect([...(update?.tableActions ?? [])].sort()).toEqual(
      [...new Set(served.flatMap((r) => r.tableActions))].sort(),
    );
  });

  it('refuses rows that belong to different functions, naming the stray row', () => {
    // Prepare
    const stack = new Stack(new App(), 'RouteFunctionProbe');
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING },
    });
    const [create, list] = ROUTES;
    if (!create || !list) throw new Error('the route table needs two rows for this test');

    // Act
    const act = () =>
      new RouteFunction(stack, 'Mixed', {
        environmentName: 'probe',
        routes: [create, list],
        table,
        indexName: 'email-index',
        settings: {
          parameterPrefix: '/userprofile/probe/',
          grantReadSettings: () => {
            throw new Error('a refused RouteFunction grants nothing');
          },
        },
        logRetention: RetentionDays.ONE_DAY,
        adminIssuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Probe0001',
      });

    // Assess
    expect(act).toThrow(`${list.method} ${list.path} is served by ${list.functionName}`);
  });
});

describe('the stateful and named resources', () => {
  // A changed logical id makes CloudFormation replace the resource: a new table or user pool is
  // empty, and a named one cannot even be created beside the old. These are the ids deployed
  // stacks have (the original template's where it had the resource, see upgrade-in-place.test.ts);
  // a refactoring of the constructs must keep them.
  it.each([
    'UserProfilesTable',
    'DatabaseTableNameParameter',
    'DataParameterapicorsallowedoriginsA68AD1E4',
    'DataParameterapidefaultpagesize9275B06D',
    'DataParameterapimaxpagesize25A975FA',
    'DataParameterapirequireifmatch761450DE',
    'APIEndpointParameter',
    'ApiUserPool5AB2526B',
    'ApiUserPoolMobileClient2F8C2193',
    // The end users' pool's old `admins` group is gone on purpose (its groups grant nothing, and
    // `admin-add-user-to-group` on it now fails instead of seeming to work); the group lives here:
    'ApiAdminPoolUserPoolB6F105CD',
    'ApiAuthorizer787544C1',
    'ApiAccessLogs50B185DB',
    'UserProfileAPI',
    'ApiRestApiUnauthorized7916079D',
    'ApiRestApiThrottledADD36F35',
    'ApiRestApiDefault5xxF4F672B9',
    'CreateUserLogGroup',
    'CreateUserProfileFunction',
    'ListUsersLogGroup',
    'ListUserProfilesFunction',
    'GetUserLogGroup',
    'GetUserProfileFunction',
    'UpdateUserLogGroup',
    'UpdateUserProfileFunction',
    'DeleteUserLogGroup',
    'DeleteUserProfileFunction',
  ])('keep the logical id %s', (id) => {
    expect(Object.keys(resources(dev.template))).toContain(id);
  });
});

describe('the REST API', () => {
  it("is regional, named UserProfileAPI-{env} as the original's, with a stage named after the environment", () => {
    dev.template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Name: 'UserProfileAPI-dev',
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
    dev.template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'dev' });
    prod.template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod' });
  });

  it('has /users, /users/search and /users/{userId} resources', () => {
    dev.template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'users' });
    dev.template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'search' });
    dev.template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{userId}' });
    dev.template.resourceCountIs('AWS::ApiGateway::Resource', ROUTE_PATHS.size);
  });

  it('throttles, records metrics and logs executions at ERROR (INFO when asked) without data tracing', () => {
    dev.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: false,
      MethodSettings: Match.arrayWith([
        {
          HttpMethod: '*',
          ResourcePath: '/*',
          DataTraceEnabled: false,
          LoggingLevel: 'ERROR',
          MetricsEnabled: true,
          ThrottlingRateLimit: 50,
          ThrottlingBurstLimit: 100,
        },
      ]),
    });
    prod.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([Match.objectLike({ LoggingLevel: 'INFO', DataTraceEnabled: false })]),
    });
  });

  it('writes JSON access logs without bodies, tokens, claims but the sub, or concrete paths', () => {
    const stage = Object.values(dev.template.findResources('AWS::ApiGateway::Stage'))[0];
    const settings = stage?.Properties.AccessLogSetting as { Format: string; DestinationArn: unknown };
    const format = JSON.parse(settings.Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      resourcePath: '$context.resourcePath',
    });
    expect(settings.Format).not.toMatch(
      /requestBody|responseBody|identity\.(?!sourceIp")|authorizer\.claims\.(?!sub")|\$context\.path|userAgent/,
    );
    // The log group's ARN without the `:*` suffix (feature flag @aws-cdk/aws-apigateway:logGroupDestinationArnWithoutWildcard).
    expect(settings.DestinationArn).toEqual(logGroupArnJoin(logicalId(dev.stack, dev.stack.service.accessLogGroup)));
    dev.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/apigateway/user-profile-api-dev/access',
      RetentionInDays: 30,
    });
  });

  it('validates request parameters and bodies on every method, bodies as JSON objects', () => {
    dev.template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
    dev.template.hasResourceProperties('AWS::ApiGateway::Model', {
      ContentType: 'application/json',
      Schema: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' },
    });
    const validatorId = logicalId(dev.stack, dev.stack.service.requestValidator);
    for (const deployed of dev.stack.service.routes) {
      expect(resources(dev.template)[logicalId(dev.stack, deployed.method)]?.Properties).toMatchObject({
        RequestValidatorId: { Ref: validatorId },
        RequestParameters: expect.objectContaining({ 'method.request.header.Authorization': true }),
      });
    }
    for (const route of ROUTES.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method))) {
      dev.template.hasResourceProperties('AWS::ApiGateway::Method', {
        HttpMethod: route.method,
        RequestModels: { 'application/json': Match.anyValue() },
      });
    }
  });

  it("authorizes every non-OPTIONS method with the Cognito user pools (end users' and administrators')", () => {
    for (const { template } of [dev, prod]) {
      const methods = Object.values(template.findResources('AWS::ApiGateway::Method'));
      const secured = methods.filter((m) => m.Properties.HttpMethod !== 'OPTIONS');
      // the routes, plus one ANY per resource answering 405
      expect(secured).toHaveLength(ROUTES.length + ROUTE_PATHS.size);
      for (const method of secured) expect(method.Properties.AuthorizationType).toBe('COGNITO_USER_POOLS');
    }
    dev.template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Name: 'user-profile-authorizer-dev',
      AuthorizerResultTtlInSeconds: 300,
      Type: 'COGNITO_USER_POOLS',
      IdentitySource: 'method.request.header.Authorization',
      ProviderARNs: [
        { 'Fn::GetAtt': [logicalId(dev.stack, dev.stack.service.auth.userPool), 'Arn'] },
        { 'Fn::GetAtt': [logicalId(dev.stack, dev.stack.service.auth.adminPool.userPool), 'Arn'] },
      ],
    });
  });

  it('answers CORS preflight (OPTIONS, unauthenticated, 204) granting only the configured origins', () => {
    for (const { template, origin } of [
      { template: dev.template, origin: undefined },
      { template: prod.template, origin: "'https://admin.example.com'" },
    ]) {
      const preflights = Object.values(
        template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } }),
      );
      expect(preflights).toHaveLength(ROUTE_PATHS.size);
      for (const preflight of preflights) {
        expect(preflight.Properties).toMatchObject({
          AuthorizationType: 'NONE',
          Integration: { Type: 'MOCK', IntegrationResponses: [expect.objectContaining({ StatusCode: '204' })] },
        });
        const allowOrigin = JSON.stringify(preflight.Properties.Integration).match(
          /Access-Control-Allow-Origin":"([^"]*)"/,
        )?.[1];
        expect(allowOrigin).toBe(origin);
      }
    }
  });

  it('lets browsers cache a preflight for the CORS max-age and send the contract headers', () => {
    prod.template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'OPTIONS',
      Integration: {
        IntegrationResponses: [
          Match.objectLike({
            ResponseParameters: Match.objectLike({
              'method.response.header.Access-Control-Max-Age': `'${CORS_MAX_AGE_SECONDS}'`,
              'method.response.header.Access-Control-Allow-Headers':
                "'Authorization,Content-Type,If-Match,Idempotency-Key,X-Request-Id'",
            }),
          }),
        ],
      },
    });
  });

  it('answers a method no route serves on a known path with 405, Allow and a problem', () => {
    const fallbacks = [...dev.stack.service.fallbacks.values()].map(
      ({ methodNotAllowed }) => resources(dev.template)[logicalId(dev.stack, methodNotAllowed)]?.Properties,
    );
    expect(fallbacks).toHaveLength(ROUTE_PATHS.size);
    const allows = fallbacks.map((f) => {
      const response = (
        f?.Integration as {
          IntegrationResponses: {
            StatusCode: string;
            ResponseParameters: Record<string, string>;
            ResponseTemplates: Record<string, string>;
          }[];
        }
      ).IntegrationResponses[0];
      expect(f).toMatchObject({ HttpMethod: 'ANY', Integration: { Type: 'MOCK' } });
      expect(response?.StatusCode).toBe('405');
      expect(response?.ResponseParameters['method.response.header.Content-Type']).toBe("'application/problem+json'");
      expect(JSON.parse(response?.ResponseTemplates['application/json'] ?? '{}')).toMatchObject({
        type: '/problems/method-not-allowed',
        status: 405,
      });
      return response?.ResponseParameters['method.response.header.Allow'];
    });
    // One per path of the route table: its methods in table order, then OPTIONS.
    const methodsByPath = new Map<string, string[]>();
    for (const route of ROUTES) methodsByPath.set(route.path, [...(methodsByPath.get(route.path) ?? []), route.method]);
    const expected = [...methodsByPath.values()].map((methods) => `'${[...methods, 'OPTIONS'].join(', ')}'`);
    expect(allows.sort()).toEqual(expected.sort());
    expect(expected).toContain("'GET, PUT, PATCH, DELETE, OPTIONS'");
  });

  it("answers its own refusals as problem+json with the handlers' problem types", () => {
    const expected: [string, string, string][] = [
      ['UNAUTHORIZED', '401', '/problems/unauthorized'],
      ['ACCESS_DENIED', '403', '/problems/forbidden'],
      ['MISSING_AUTHENTICATION_TOKEN', '404', '/problems/not-found'],
      ['BAD_REQUEST_BODY', '400', '/problems/validation'],
      ['REQUEST_TOO_LARGE', '413', '/problems/payload-too-large'],
      ['THROTTLED', '429', '/problems/too-many-requests'],
    ];
    for (const [type, status, problem] of expected) {
      dev.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        StatusCode: status,
        ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Content-Type': "'application/problem+json'" }),
        ResponseTemplates: { 'application/json': Match.stringLikeRegexp(`"type":"${problem}"`) },
      });
    }
    dev.template.resourceCountIs('AWS::ApiGateway::GatewayResponse', GATEWAY_PROBLEMS.length);
    dev.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_5XX',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
    });
  });
  it('names the one allowed origin on its refusals, so a browser can read them, and no origin when none is allowed', () => {
    for (const response of Object.values(prod.template.findResources('AWS::ApiGateway::GatewayResponse'))) {
      expect(response.Properties.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://admin.example.com'",
      });
    }
    for (const response of Object.values(dev.template.findResources('AWS::ApiGateway::GatewayResponse'))) {
      expect(response.Properties.ResponseParameters).not.toHaveProperty(
        'gatewayresponse.header.Access-Control-Allow-Origin',
      );
    }
  });
});

describe('Cognito', () => {
  /**
   * The reasons given on `scope` and everything in it for acknowledging `rule`: CDK records each
   * acknowledgement as metadata, `{ [qualified rule id]: reason }`, the id prefixed by its plugin.
   */
  const acknowledgementsIn = (scope: IConstruct, rule: string): string[] =>
    scope.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .filter(([id]) => id === rule || id.endsWith(`::${rule}`) || id.endsWith(`/${rule}`))
      .map(([, reason]) => reason);
  const clientOf = (template: Template, name: string) =>
    Object.values(resources(template)).find(
      (r) => r.Type === 'AWS::Cognito::UserPoolClient' && r.Properties.ClientName === name,
    )?.Properties;

  it('has an end users pool with a strong password policy, required TOTP, and an app client without secret', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: 'user-profiles-dev',
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UsernameAttributes: ['email'],
    });
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'user-profiles-dev-mobile',
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
    });
  });

  it('gives the mobile client no OAuth flow, no placeholder callback, and only the attributes the app writes at sign-up', () => {
    // Act
    const mobile = clientOf(dev.template, 'user-profiles-dev-mobile');

    // Assess: CDK's default would allow the implicit and code grants, calling back https://example.com.
    expect(mobile?.AllowedOAuthFlowsUserPoolClient).not.toBe(true);
    expect(mobile?.AllowedOAuthFlows ?? []).toEqual([]);
    expect(JSON.stringify(mobile)).not.toContain('example.com');
    expect(JSON.stringify(mobile)).not.toContain('implicit');
    expect([...(mobile?.WriteAttributes as string[])].sort()).toEqual(
      ['email', 'family_name', 'given_name', 'phone_number'].sort(),
    );
    expect([...(mobile?.ReadAttributes as string[])].sort()).toEqual(
      ['email', 'email_verified', 'family_name', 'given_name', 'phone_number', 'phone_number_verified'].sort(),
    );
  });

  it('has an administrators pool: MFA required (TOTP, no SMS), no self sign-up, accounts created by an admin', () => {
    // Prepare
    const adminPool = logicalId(dev.stack, dev.stack.service.auth.adminPool.userPool);

    // Assess
    expect(resources(dev.template)[adminPool]?.Properties).toMatchObject({
      UserPoolName: 'user-profiles-admins-dev',
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      UserPoolTier: 'ESSENTIALS',
      Policies: { PasswordPolicy: expect.objectContaining({ MinimumLength: 14, TemporaryPasswordValidityDays: 3 }) },
    });
    expect(resources(dev.template)[adminPool]?.Properties.SmsConfiguration).toBeUndefined();
  });

  it("keeps the admins group in the administrators' pool only, with a console client without secret or OAuth", () => {
    // Prepare
    const adminPool = logicalId(dev.stack, dev.stack.service.auth.adminPool.userPool);
    const groups = Object.values(resources(dev.template)).filter((r) => r.Type === 'AWS::Cognito::UserPoolGroup');
    const console = clientOf(dev.template, 'user-profiles-admins-dev-console');

    // Assess
    expect(groups.map((g) => g.Properties)).toEqual([
      expect.objectContaining({ GroupName: 'admins', UserPoolId: { Ref: adminPool } }),
    ]);
    expect(console).toMatchObject({ UserPoolId: { Ref: adminPool }, GenerateSecret: false });
    expect(console?.ExplicitAuthFlows).toEqual(expect.arrayContaining(['ALLOW_USER_SRP_AUTH']));
    expect(console?.AllowedOAuthFlows ?? []).toEqual([]);
    expect(console?.WriteAttributes).not.toEqual(expect.arrayContaining([expect.stringMatching(/^custom:/)]));
  });

  it('authorizes every method with tokens of either pool', () => {
    // Prepare
    const arnOf = (pool: IConstruct) => ({ 'Fn::GetAtt': [logicalId(dev.stack, pool), 'Arn'] });
    const { userPool, adminPool } = dev.stack.service.auth;

    // Assess
    dev.template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    dev.template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      ProviderARNs: [arnOf(userPool), arnOf(adminPool.userPool)],
    });
  });

  it("tells every function the administrators' pool's issuer, the only one whose admins group counts", () => {
    // Prepare
    const issuer = {
      'Fn::Join': [
        '',
        [
          'https://cognito-idp.',
          { Ref: 'AWS::Region' },
          '.',
          { Ref: 'AWS::URLSuffix' },
          '/',
          { Ref: logicalId(dev.stack, dev.stack.service.auth.adminPool.userPool) },
        ],
      ],
    };

    // Assess
    for (const route of ROUTES) {
      dev.template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `${route.functionName}-dev`,
        Environment: { Variables: { ADMIN_ISSUER: issuer } },
      });
    }
  });

  it('needs no acknowledgement of optional MFA: both pools require it and pass AwsSolutions-COG2', () => {
    // Prepare
    const { userPool, adminPool } = dev.stack.service.auth;

    for (const pool of [userPool, adminPool.userPool]) {
      // Act
      const compliance = nagRules.cognito.CognitoUserPoolMFA(pool.node.defaultChild as CfnResource);

      // Assess
      expect(compliance).toBe(NagRuleCompliance.COMPLIANT);
      expect(acknowledgementsIn(pool, 'AwsSolutions-COG2')).toEqual([]);
    }
    // The reading of the metadata finds an acknowledgement where there is one (COG8, priced plan).
    expect(acknowledgementsIn(userPool, 'AwsSolutions-COG8')).toHaveLength(1);
  });

  it("outputs the administrators' pool and its console client, beside the original outputs", () => {
    dev.template.hasOutput('AdminUserPoolId', {
      Value: { Ref: logicalId(dev.stack, dev.stack.service.auth.adminPool.userPool) },
      Export: { Name: 'userprofile-dev-AdminUserPoolId' },
    });
    dev.template.hasOutput('AdminUserPoolClientId', {
      Value: { Ref: logicalId(dev.stack, dev.stack.service.auth.adminPool.consoleClient) },
      Export: { Name: 'userprofile-dev-AdminUserPoolClientId' },
    });
  });

  it("keeps a non-dev environment's users: the pools are retained and protected from deletion, dev's are not", () => {
    for (const UserPoolName of ['user-profiles-prod', 'user-profiles-admins-prod']) {
      prod.template.hasResource('AWS::Cognito::UserPool', {
        Properties: Match.objectLike({ UserPoolName, DeletionProtection: 'ACTIVE' }),
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    }
    dev.template.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
      DeletionPolicy: 'Delete',
    });
  });
});

describe('the feature flags', () => {
  it('pins every flag aws-cdk-lib recommends in cdk.json, so an upgrade never changes the template unannounced', () => {
    const recommended = JSON.parse(
      readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf8'),
    ) as Record<string, unknown>;
    const pinned = cdkJsonContext();
    const unpinned = Object.keys(recommended).filter((flag) => !(flag in pinned));
    expect(unpinned).toEqual([]);
  });
});

describe('the outputs', () => {
  it.each([
    ['APIEndpoint', 'APIEndpoint'],
    ['DynamoDBTableName', 'DynamoDBTable'],
    ['DynamoDBTableArn', 'DynamoDBTableArn'],
    ['UserPoolId', 'UserPoolId'],
    ['UserPoolClientId', 'UserPoolClientId'],
  ])("%s is exported as {stack name}-%s, the original stack's export names", (output, exportSuffix) => {
    dev.template.hasOutput(output, { Export: { Name: `userprofile-dev-${exportSuffix}` } });
    prod.template.hasOutput(output, { Export: { Name: `userprofile-prod-${exportSuffix}` } });
  });

  it('give the endpoint as https://{api}.execute-api.{region}.amazonaws.com/{env}, with no trailing slash, in the output and SSM', () => {
    const apiId = logicalId(dev.stack, dev.stack.service.api);
    const stageId = logicalId(dev.stack, dev.stack.service.api.deploymentStage);
    const endpoint = {
      'Fn::Join': [
        '',
        [
          'https://',
          { Ref: apiId },
          '.execute-api.',
          { Ref: 'AWS::Region' },
          '.',
          { Ref: 'AWS::URLSuffix' },
          '/',
          { Ref: stageId },
        ],
      ],
    };
    dev.template.hasOutput('APIEndpoint', { Value: endpoint });
    const parameter = Object.values(
      dev.template.findResources('AWS::SSM::Parameter', { Properties: { Name: '/userprofile/dev/api/endpoint' } }),
    )[0];
    expect(parameter?.Properties.Value).toEqual(endpoint);
  });

  it('keep another stack name given by context (-c stackName=…), so imports of the replaced stack resolve', () => {
    // Prepare: no bundling; only names are looked at.
    const { stack } = createUserProfileApp({
      appProps: {
        context: { ...cdkJsonContext(), stackName: 'UserProfileStack-legacy', 'aws:cdk:bundling-stacks': [] },
      },
    });

    // Act
    const template = Template.fromStack(stack);

    // Assess
    expect(stack.stackName).toBe('UserProfileStack-legacy');
    template.hasOutput('DynamoDBTableName', { Export: { Name: 'UserProfileStack-legacy-DynamoDBTable' } });
  });

  it('name the table and its ARN', () => {
    const tableId = logicalId(dev.stack, dev.stack.data.table);
    dev.template.hasOutput('DynamoDBTableName', { Value: { Ref: tableId } });
    dev.template.hasOutput('DynamoDBTableArn', { Value: { 'Fn::GetAtt': [tableId, 'Arn'] } });
  });
});

describe('monitoring', () => {
  const topicRef = () => ({ Ref: logicalId(dev.stack, dev.stack.monitoring.alarmTopic) });
  const notifiesTopic = () => ({ AlarmActions: [topicRef()], OKActions: [topicRef()] });
  const stageDimensions = () => [
    { Name: 'ApiName', Value: 'UserProfileAPI-dev' },
    { Name: 'Stage', Value: { Ref: logicalId(dev.stack, dev.stack.service.api.deploymentStage) } },
  ];

  it('alarms when more than 1% of API requests fail with 5xx in 2 of 3 periods of 5 minutes', () => {
    // API Gateway's 5XXError averages to the share of requests that failed, from 0 to 1.
    const alarm = expectAlarm(dev.template, 'userprofile-dev-Api5xxRate', {
      threshold: 0.01,
      datapoints: [2, 3],
      topic: topicRef(),
      metric: { Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Stat: 'Average', Dimensions: stageDimensions() },
    });
    // No requests, no rate: a quiet API is not failing.
    expect(alarm.TreatMissingData).toBe('notBreaching');
  });

  it('alarms when the API p99 latency is above the configured threshold in 2 of 3 periods', () => {
    expect(dev.stack.settings.latencyP99ThresholdMs).toBe(1000);
    expectAlarm(dev.template, 'userprofile-dev-ApiLatencyP99', {
      threshold: dev.stack.settings.latencyP99ThresholdMs,
      datapoints: [2, 3],
      topic: topicRef(),
      metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Latency', Stat: 'p99', Dimensions: stageDimensions() },
    });
  });

  it('alarms on the first error or throttle of every function in a 5-minute period', () => {
    for (const deployed of dev.stack.service.routes) {
      const functionRef = { Ref: logicalId(dev.stack, deployed.function.function) };
      for (const metric of ['Errors', 'Throttles']) {
        expectAlarm(dev.template, `userprofile-dev-${deployed.route.functionName}${metric}`, {
          threshold: 0,
          topic: topicRef(),
          metric: {
            Namespace: 'AWS/Lambda',
            MetricName: metric,
            Stat: 'Sum',
            Dimensions: [{ Name: 'FunctionName', Value: functionRef }],
          },
        });
      }
    }
  });

  it('alarms on the first DynamoDB throttled read or write, on the table and on its index', () => {
    const tableName = { Ref: logicalId(dev.stack, dev.stack.data.table) };
    const indexName = { Name: 'GlobalSecondaryIndexName', Value: USER_PROFILE_TABLE.emailIndex.indexName };
    const watched = (name: string) => {
      const alarm = alarmNamed(dev.template, `userprofile-dev-${name}`);
      expect(alarm).toMatchObject({
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
        ...notifiesTopic(),
      });
      return watchedMetrics(alarm).map(({ MetricName, Dimensions, Stat }) => ({ MetricName, Dimensions, Stat }));
    };
    expect(watched('DynamoDbReadThrottles')).toEqual([
      { MetricName: 'ReadThrottleEvents', Dimensions: [{ Name: 'TableName', Value: tableName }], Stat: 'Sum' },
    ]);
    expect(watched('DynamoDbWriteThrottles')).toEqual([
      { MetricName: 'WriteThrottleEvents', Dimensions: [{ Name: 'TableName', Value: tableName }], Stat: 'Sum' },
    ]);
    expect(watched('DynamoDbIndexThrottles')).toEqual(
      ['ReadThrottleEvents', 'WriteThrottleEvents'].map((MetricName) => ({
        MetricName,
        Dimensions: expect.arrayContaining([{ Name: 'TableName', Value: tableName }, indexName]),
        Stat: 'Sum',
      })),
    );
  });

  it('sends every alarm, on alarm and back to OK, to one topic that refuses non-TLS publishers, mailing it when configured', () => {
    const alarms = Object.values(dev.template.findResources('AWS::CloudWatch::Alarm'));
    // API 5xx and latency, errors and throttles of every function (the stream publisher's and the
    // triggers' too), DynamoDB read, write and index throttles, the profile events' iterator age and
    // dead letters, WAF blocked requests, a burst of refusals from one caller, a failed sign-up.
    const functions = new Set(ROUTES.map((route) => route.functionName)).size + 1 + TRIGGERS.length;
    expect(alarms).toHaveLength(2 + 2 * functions + 3 + 2 + 1 + 1 + 1);
    for (const alarm of alarms) expect(alarm.Properties).toMatchObject(notifiesTopic());
    dev.template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'user-profile-alarms-dev' });
    dev.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    dev.template.resourceCountIs('AWS::SNS::Subscription', 0);
    prod.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });

  it("has one dashboard, userprofile-{env}, graphing those metrics and every service alarm's state", () => {
    dev.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    dev.template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'userprofile-dev' });
    const body = JSON.stringify(
      Object.values(dev.template.findResources('AWS::CloudWatch::Dashboard'))[0]?.Properties.DashboardBody,
    );
    for (const metric of [
      '5XXError',
      'Latency',
      'Errors',
      'Throttles',
      'ReadThrottleEvents',
      'ConsumedWriteCapacityUnits',
    ]) {
      expect(body).toContain(metric);
    }
    // The firewall's alarm is its own (the firewall is optional); every other alarm is on the board.
    const alarmIds = Object.entries(dev.template.findResources('AWS::CloudWatch::Alarm'))
      .filter(([, alarm]) => alarm.Properties.AlarmName !== 'userprofile-dev-WafBlockedRequests')
      .map(([id]) => id);
    for (const id of alarmIds) expect(body).toContain(JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] }));
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in the AwsSolutions pack (synthesis would have failed)', () => {
    expect(Annotations.fromStack(dev.stack).findError('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(prod.stack).findError('*', Match.anyValue())).toEqual([]);
  });

  it('fails synthesis on a finding nobody acknowledged', () => {
    // Prepare
    const outdir = mkdtempSync(join(tmpdir(), 'userprofile-nag-'));
    const { app, stack } = createUserProfileApp({
      settings: { environmentName: 'nagprobe' },
      appProps: { outdir, context: { 'aws:cdk:bundling-stacks': [] } },
    });
    new sns.Topic(stack, 'UnacknowledgedTopic');

    // Act
    const act = () => app.synth();

    // Assess
    try {
      expect(act).toThrow(/AwsSolutions-SNS3/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
