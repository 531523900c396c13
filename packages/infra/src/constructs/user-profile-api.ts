import * as path from 'node:path';
import { Aws, Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ROUTES, type RouteDefinition } from '@userprofile/http-lambda/routes';
import { Construct } from 'constructs';

import type { ExecutionLogLevel } from '../config';
import { ServiceFunction } from './service-function';

/** Where the route table's `entry` paths are relative to: http-lambda's `src/`. */
export const HANDLER_SOURCE_DIR = path.dirname(require.resolve('@userprofile/http-lambda/routes'));

/** Powertools' service name in every log line and trace. */
export const SERVICE_NAME = 'userprofile';

export interface UserProfileApiProps {
  readonly environmentName: string;
  /** The profile table the functions use. */
  readonly table: dynamodb.ITable;
  /** The index list-by-email queries; its ARN is granted to routes that Query or Scan. */
  readonly emailIndexName: string;
  /** SSM path of the runtime settings, e.g. `/userprofile/dev/`; functions may read below it only. */
  readonly parameterPrefix: string;
  /** Retention of function and access logs. */
  readonly logRetention: logs.RetentionDays;
  /** What happens to log groups and the user pool when the stack is deleted. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** Origins the CORS preflight allows; none means no OPTIONS methods. @default - none */
  readonly corsAllowedOrigins?: readonly string[];
  /** @default 'ERROR' */
  readonly executionLogLevel?: ExecutionLogLevel;
  /** @default 50 */
  readonly throttlingRateLimit?: number;
  /** @default 100 */
  readonly throttlingBurstLimit?: number;
  /** The routes to serve. @default ROUTES, the route table */
  readonly routes?: readonly RouteDefinition[];
  /** The directory the routes' `entry` paths are relative to. @default HANDLER_SOURCE_DIR */
  readonly handlerSourceDir?: string;
  /** Functions' `LOG_LEVEL`. @default 'INFO' */
  readonly functionLogLevel?: string;
}

/** A route's deployed pieces. */
export interface DeployedRoute {
  readonly route: RouteDefinition;
  readonly function: ServiceFunction;
  readonly method: apigateway.Method;
}

// Headers a browser may send on a real request, and those it may read from a response.
const CORS_ALLOW_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'X-Request-Id'];

/**
 * The stateless, public half of the service: Cognito (user pool, app client, `admins` group),
 * the regional REST API and one function per route of the route table, each allowed exactly
 * its route's table actions and reading the settings under the environment's prefix.
 */
export class UserProfileApi extends Construct {
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly adminsGroup: cognito.UserPoolGroup;
  readonly authorizer: apigateway.CognitoUserPoolsAuthorizer;
  readonly api: apigateway.RestApi;
  readonly accessLogGroup: logs.LogGroup;
  /** One entry per route, in route-table order. */
  readonly routes: readonly DeployedRoute[];
  /** Per resource, the `ANY` method answering 405 to methods no route serves. */
  readonly fallbackMethods: readonly apigateway.Method[];

  constructor(scope: Construct, id: string, props: UserProfileApiProps) {
    super(scope, id);
    const env = props.environmentName;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const origins = props.corsAllowedOrigins ?? [];

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `user-profiles-${env}`,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: removalPolicy !== RemovalPolicy.DESTROY,
      removalPolicy,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'Mobile-app end users sign up themselves; MFA (TOTP) is offered, not forced, as a product decision. Administrators should enrol.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus feature plan (threat protection) is priced per active user; enable it per environment when the budget allows.',
      },
    );
    this.userPoolClient = this.userPool.addClient('MobileClient', {
      userPoolClientName: `user-profiles-${env}-mobile`,
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    this.adminsGroup = this.userPool.addGroup('AdminsGroup', {
      groupName: 'admins',
      description: 'Administrators: may read, change and delete every profile',
    });

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/user-profile-api-${env}/access`,
      retention: props.logRetention,
      removalPolicy,
    });

    const executionLogLevel =
      (props.executionLogLevel ?? 'ERROR') === 'INFO'
        ? apigateway.MethodLoggingLevel.INFO
        : apigateway.MethodLoggingLevel.ERROR;
    this.api = new apigateway.RestApi(this, 'RestApi', {
      restApiName: `UserProfileAPI-${env}`,
      description: `User profiles API (${env})`,
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      cloudWatchRole: true,
      // The account-level logging role is shared by every API in the region: never delete it.
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: env,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: executionLogLevel,
        // Data tracing logs whole requests and responses: personal data. Never.
        dataTraceEnabled: false,
        throttlingRateLimit: props.throttlingRateLimit ?? 50,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 100,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: accessLogFormat(),
      },
    });
    const cloudWatchRole = this.api.node.tryFindChild('CloudWatchRole');
    if (cloudWatchRole) {
      Validations.of(cloudWatchRole).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          'API Gateway writes execution and access logs through this account-level role; AWS documents this managed policy for it.',
      });
    }
    Validations.of(this.api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'No WAF web ACL: every method needs a Cognito token and the stage is throttled; attach an account-wide WAF where one is run.',
    });

    this.authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      authorizerName: `user-profile-authorizer-${env}`,
      cognitoUserPools: [this.userPool],
      identitySource: apigateway.IdentitySource.header('Authorization'),
      resultsCacheTtl: Duration.minutes(5),
    });

    const validator = this.api.addRequestValidator('RequestValidator', {
      requestValidatorName: 'parameters-and-body',
      validateRequestParameters: true,
      validateRequestBody: true,
    });
    // The handlers check every field; the gateway only turns away bodies that are not JSON objects.
    const jsonObject = this.api.addModel('JsonObject', {
      contentType: 'application/json',
      modelName: 'JsonObject',
      schema: { schema: apigateway.JsonSchemaVersion.DRAFT4, type: apigateway.JsonSchemaType.OBJECT },
    });
    this.addProblemResponses(origins);

    const sourceDir = props.handlerSourceDir ?? HANDLER_SOURCE_DIR;
    const indexArn = `${props.table.tableArn}/index/${props.emailIndexName}`;
    const parameterArn = (suffix: string) =>
      `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter${props.parameterPrefix.replace(/\/$/, '')}${suffix}`;
    const environment = {
      TABLE_NAME: props.table.tableName,
      CONFIG_PREFIX: props.parameterPrefix,
      // The stack's own UUID: unguessable, stable for the stack's life, and no secret in the template.
      CURSOR_SIGNING_KEY: Fn.select(2, Fn.split('/', Aws.STACK_ID)),
      LOG_LEVEL: props.functionLogLevel ?? 'INFO',
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    };

    const resources = new Map<string, apigateway.IResource>();
    const routes = props.routes ?? ROUTES;
    // One function per function name: rows that share a name (PUT and PATCH) share a function,
    // whose policy holds the union of their table actions.
    const functions = new Map<string, ServiceFunction>();
    const functionFor = (functionName: string, entry: string): ServiceFunction => {
      const existing = functions.get(functionName);
      if (existing) return existing;
      const rows = routes.filter((row) => row.functionName === functionName);
      const tableActions = [...new Set(rows.flatMap((row) => row.tableActions))];
      const fn = new ServiceFunction(this, functionName, {
        functionName: `${functionName}-${env}`,
        entry: path.join(sourceDir, entry),
        environment,
        logRetention: props.logRetention,
        logRemovalPolicy: removalPolicy,
      });
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: tableActions, resources: [props.table.tableArn] }),
      );
      const indexActions = tableActions.filter((action) => action === 'dynamodb:Query' || action === 'dynamodb:Scan');
      if (indexActions.length > 0) {
        fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: indexActions, resources: [indexArn] }));
      }
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['ssm:GetParametersByPath', 'ssm:GetParameters', 'ssm:GetParameter'],
          resources: [parameterArn(''), parameterArn('/*')],
        }),
      );
      const policy = fn.role.node.findChild('DefaultPolicy');
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter${props.parameterPrefix}*]`,
        reason: `The config provider reads every setting below ${props.parameterPrefix} with one GetParametersByPath; the wildcard stops at this environment's prefix.`,
      });
      functions.set(functionName, fn);
      return fn;
    };

    this.routes = routes.map((route) => {
      const fn = functionFor(route.functionName, route.entry);

      let resource = resources.get(route.path);
      if (!resource) {
        resource = this.api.root.resourceForPath(route.path);
        resources.set(route.path, resource);
      }
      const hasBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
      const method = resource.addMethod(
        route.method,
        new apigateway.LambdaIntegration(fn.function, { proxy: true, allowTestInvoke: false }),
        {
          operationName: route.functionName,
          authorizationType: apigateway.AuthorizationType.COGNITO,
          authorizer: this.authorizer,
          requestValidator: validator,
          requestParameters: {
            'method.request.header.Authorization': true,
            ...(route.path.includes('{userId}') && { 'method.request.path.userId': true }),
          },
          ...(hasBody && { requestModels: { 'application/json': jsonObject } }),
        },
      );
      return { route, function: fn, method };
    });

    // What API Gateway would otherwise answer for a known path (403 "missing authentication
    // token"), answered as the contract says: OPTIONS 204 and other methods 405 + Allow.
    const fallbackMethods: apigateway.Method[] = [];
    for (const [routePath, resource] of resources) {
      const served = [...new Set(this.routes.filter((r) => r.route.path === routePath).map((r) => r.route.method))];
      const allow = [...served, 'OPTIONS'];
      const preflight =
        origins.length > 0
          ? resource.addCorsPreflight({
              allowOrigins: [...origins],
              allowMethods: allow,
              allowHeaders: CORS_ALLOW_HEADERS,
              maxAge: Duration.hours(1),
              statusCode: 204,
            })
          : // No origin is allowed: a preflight succeeds but grants nothing, so browsers refuse.
            resource.addMethod('OPTIONS', mockIntegration(204, {}), mockMethodOptions(204, {}));
      const otherMethods = resource.addMethod(
        'ANY',
        mockIntegration(
          405,
          { Allow: allow.join(', '), 'Content-Type': 'application/problem+json' },
          JSON.stringify({
            type: '/problems/method-not-allowed',
            title: 'Method not allowed',
            status: 405,
            detail: 'This path does not support this method.',
            requestId: '$context.requestId',
          }),
        ),
        // Like every non-OPTIONS method it needs a token: strangers learn nothing, not even 405.
        {
          ...mockMethodOptions(405, { Allow: allow.join(', '), 'Content-Type': 'application/problem+json' }),
          authorizationType: apigateway.AuthorizationType.COGNITO,
          authorizer: this.authorizer,
        },
      );
      fallbackMethods.push(otherMethods);
      Validations.of(preflight).acknowledge(
        {
          id: 'AwsSolutions-APIG4',
          reason: `OPTIONS ${routePath} is the CORS preflight: browsers send it without credentials, and its mock integration reaches no function or data.`,
        },
        {
          id: 'AwsSolutions-COG4',
          reason: `OPTIONS ${routePath} is the CORS preflight: browsers send it without credentials, so it cannot use the Cognito authorizer.`,
        },
      );
    }
    this.fallbackMethods = fallbackMethods;
  }

  /**
   * The stage's base URL, `https://{id}.execute-api.{region}.amazonaws.com/{env}`, without the
   * trailing slash RestApi.url has: the original stack's consumers append `/users` to it.
   */
  get url(): string {
    const stage = this.api.deploymentStage;
    return Fn.join('', [
      'https://',
      this.api.restApiId,
      '.execute-api.',
      Aws.REGION,
      '.',
      Aws.URL_SUFFIX,
      '/',
      stage.stageName,
    ]);
  }

  /**
   * API Gateway's own refusals (bad token, throttled, unknown path, body not JSON) answer in
   * the same problem+json shape and `type`s as the handlers (shared/docs/API.md).
   */
  private addProblemResponses(origins: readonly string[]): void {
    // Gateway response headers may only be literals or request values, so the request id
    // travels in the body (templates see $context).
    const headers: Record<string, string> = { 'Content-Type': "'application/problem+json'" };
    // One fixed origin (or "*") can be a literal; several would need echoing, which a
    // gateway response cannot do safely, so those clients read the status alone.
    if (origins.length === 1) headers['Access-Control-Allow-Origin'] = `'${origins[0]}'`;
    for (const response of GATEWAY_PROBLEMS) {
      this.api.addGatewayResponse(response.id, {
        type: response.type,
        ...(response.status !== undefined && { statusCode: String(response.status) }),
        responseHeaders: { ...headers, ...response.headers },
        templates: {
          'application/json': JSON.stringify({
            type: `/problems/${response.kind}`,
            title: response.title,
            ...(response.status !== undefined && { status: response.status }),
            detail: response.detail,
            requestId: '$context.requestId',
          }),
        },
      });
    }
  }
}

interface GatewayProblem {
  readonly id: string;
  readonly type: apigateway.ResponseType;
  readonly kind: string;
  readonly title: string;
  /** @default - API Gateway's own status for the response type */
  readonly status?: number;
  readonly detail: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** API Gateway's refusals, each in the problem `type` the handlers use for the same case. */
export const GATEWAY_PROBLEMS: readonly GatewayProblem[] = [
  {
    id: 'Unauthorized',
    type: apigateway.ResponseType.UNAUTHORIZED,
    kind: 'unauthorized',
    title: 'Unauthorized',
    status: 401,
    detail: 'A valid bearer token is required (Authorization: Bearer <token>).',
    headers: { 'WWW-Authenticate': "'Bearer'" },
  },
  {
    id: 'AccessDenied',
    type: apigateway.ResponseType.ACCESS_DENIED,
    kind: 'forbidden',
    title: 'Forbidden',
    status: 403,
    detail: 'The token does not allow this request.',
  },
  // API Gateway answers a path or method it does not know with "missing authentication token".
  {
    id: 'MissingAuthenticationToken',
    type: apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN,
    kind: 'not-found',
    title: 'Not found',
    status: 404,
    detail: 'No resource lives at this path with this method.',
  },
  {
    id: 'BadRequestBody',
    type: apigateway.ResponseType.BAD_REQUEST_BODY,
    kind: 'validation',
    title: 'Invalid request',
    status: 400,
    detail: 'The request body must be a JSON object.',
  },
  {
    id: 'BadRequestParameters',
    type: apigateway.ResponseType.BAD_REQUEST_PARAMETERS,
    kind: 'validation',
    title: 'Invalid request',
    status: 400,
    detail: 'A required header or path parameter is missing.',
  },
  {
    id: 'RequestTooLarge',
    type: apigateway.ResponseType.REQUEST_TOO_LARGE,
    kind: 'payload-too-large',
    title: 'Payload too large',
    status: 413,
    detail: 'The request body is larger than 16 KiB.',
  },
  {
    id: 'UnsupportedMediaType',
    type: apigateway.ResponseType.UNSUPPORTED_MEDIA_TYPE,
    kind: 'unsupported-media-type',
    title: 'Unsupported media type',
    status: 415,
    detail: 'The request body must be JSON (Content-Type: application/json).',
  },
  {
    id: 'Throttled',
    type: apigateway.ResponseType.THROTTLED,
    kind: 'too-many-requests',
    title: 'Too many requests',
    status: 429,
    detail: 'Too many requests; retry after the time in Retry-After.',
    headers: { 'Retry-After': "'1'" },
  },
  {
    id: 'Default4xx',
    type: apigateway.ResponseType.DEFAULT_4XX,
    kind: 'request-refused',
    title: 'Request refused',
    detail: 'The gateway refused the request.',
  },
  {
    id: 'Default5xx',
    type: apigateway.ResponseType.DEFAULT_5XX,
    kind: 'internal',
    title: 'Internal error',
    detail: 'The server could not complete the request.',
  },
];

/** A mock integration answering `status` with fixed headers (and body). */
function mockIntegration(
  status: number,
  headers: Readonly<Record<string, string>>,
  body = '',
): apigateway.MockIntegration {
  return new apigateway.MockIntegration({
    requestTemplates: { 'application/json': `{"statusCode": ${status}}` },
    integrationResponses: [
      {
        // No selection pattern: this answer is the default, whatever the request carried.
        statusCode: String(status),
        responseParameters: Object.fromEntries(
          Object.entries(headers).map(([name, value]) => [`method.response.header.${name}`, `'${value}'`]),
        ),
        responseTemplates: { 'application/json': body },
      },
    ],
  });
}

function mockMethodOptions(status: number, headers: Readonly<Record<string, string>>): apigateway.MethodOptions {
  return {
    authorizationType: apigateway.AuthorizationType.NONE,
    methodResponses: [
      {
        statusCode: String(status),
        responseParameters: Object.fromEntries(
          Object.keys(headers).map((name) => [`method.response.header.${name}`, true]),
        ),
      },
    ],
  };
}

/** JSON access log lines: who-what-how-long, never bodies, tokens, IPs or concrete paths. */
function accessLogFormat(): apigateway.AccessLogFormat {
  const f = apigateway.AccessLogField;
  return apigateway.AccessLogFormat.custom(
    JSON.stringify({
      requestId: f.contextRequestId(),
      extendedRequestId: f.contextExtendedRequestId(),
      requestTime: f.contextRequestTime(),
      httpMethod: f.contextHttpMethod(),
      resourcePath: f.contextResourcePath(),
      status: f.contextStatus(),
      protocol: f.contextProtocol(),
      responseLength: f.contextResponseLength(),
      responseLatency: f.contextResponseLatency(),
      integrationLatency: f.contextIntegrationLatency(),
      integrationStatus: f.contextIntegrationStatus(),
      errorMessage: f.contextErrorMessage(),
      authorizerError: f.contextAuthorizerError(),
      xrayTraceId: f.contextXrayTraceId(),
    }),
  );
}
