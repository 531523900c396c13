import { Aws, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ROUTES, type RouteDefinition } from '@userprofile/http-lambda/routes';
import { Construct } from 'constructs';

import type { ExecutionLogLevel } from '../config';
import { ApiAuth } from './api-auth';
import {
  ORIGINAL_FUNCTION_IDS,
  ORIGINAL_IDS,
  ORIGINAL_METHOD_IDS,
  ORIGINAL_RESOURCE_IDS,
  keepOriginalId,
} from '../original-logical-ids';
import { addProblemResponses } from './gateway-responses';
import { acknowledgeOnImplicitChild } from './implicit-child-findings';
import { addPathFallbacks, type PathFallbacks } from './path-fallbacks';
import { RouteFunction, routesByFunction } from './route-functions';
import { accessLogFormat, routeThrottles } from './stage-settings';
import type { SettingsSource } from './user-profile-data';

export interface UserProfileApiProps {
  /** Environment suffix of every name (`UserProfileAPI-{env}`); also the stage name. */
  readonly environmentName: string;
  /** The profile table the functions use. */
  readonly table: dynamodb.ITable;
  /** The table's email index, the only index a route's `indexActions` may name. */
  readonly indexName: string;
  /** The runtime settings the functions read (and may read nothing else in SSM). */
  readonly settings: SettingsSource;
  /** Retention of function logs (and of the access log, unless `accessLogRetention` is given). */
  readonly logRetention: logs.RetentionDays;
  /** Retention of the access log, which holds callers' `sub`s and source addresses. @default logRetention */
  readonly accessLogRetention?: logs.RetentionDays;
  /** What happens to log groups and the user pool when the stack is deleted. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** Origins the CORS preflight allows. @default - none: preflights grant nothing */
  readonly corsAllowedOrigins?: readonly string[];
  /** The stage's execution-log level. @default 'ERROR' */
  readonly executionLogLevel?: ExecutionLogLevel;
  /** Steady-state requests per second the stage admits. @default 50 */
  readonly throttlingRateLimit?: number;
  /** Burst the stage admits above the steady rate. @default 100 */
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
  readonly function: RouteFunction;
  readonly method: apigateway.Method;
}

/**
 * The stateless, public half of the service: the regional REST API and its stage, one function
 * per function name of the route table ({@link RouteFunction}), a Cognito-authorized method per
 * route, CORS preflights and 405s per path ({@link addPathFallbacks}), and the gateway's own
 * refusals as problems ({@link addProblemResponses}). Who may call it is {@link ApiAuth}.
 */
export class UserProfileApi extends Construct {
  /** The end users' pool and mobile client, the admin pool with its `admins` group, and the authorizer. */
  readonly auth: ApiAuth;
  readonly api: apigateway.RestApi;
  readonly accessLogGroup: logs.LogGroup;
  /** One function per function name of the route table, by function name. */
  readonly functions: ReadonlyMap<string, RouteFunction>;
  /** One entry per route, in route-table order. */
  readonly routes: readonly DeployedRoute[];
  /** Per resource path, the OPTIONS preflight and the `ANY` method answering 405. */
  readonly fallbacks: ReadonlyMap<string, PathFallbacks>;
  /** Checks every method's parameters and body before any function runs. */
  readonly requestValidator: apigateway.RequestValidator;
  /** The handlers check every field; the gateway only turns away bodies that are not JSON objects. */
  readonly jsonObjectModel: apigateway.Model;
  /** The gateway's own refusals, answered as problems. */
  readonly problemResponses: readonly apigateway.GatewayResponse[];

  constructor(scope: Construct, id: string, props: UserProfileApiProps) {
    super(scope, id);
    const env = props.environmentName;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const origins = props.corsAllowedOrigins ?? [];
    const routes = props.routes ?? ROUTES;

    // 'Default' is left out of logical ids: the pool, its client and group and the authorizer
    // keep the ids they had when this construct made them itself, so a deploy never replaces them.
    this.auth = new ApiAuth(this, 'Default', { environmentName: env, removalPolicy });

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/user-profile-api-${env}/access`,
      retention: props.accessLogRetention ?? props.logRetention,
      removalPolicy,
    });
    const loggingLevel =
      props.executionLogLevel === 'INFO' ? apigateway.MethodLoggingLevel.INFO : apigateway.MethodLoggingLevel.ERROR;
    this.api = new apigateway.RestApi(this, 'RestApi', {
      restApiName: `UserProfileAPI-${env}`,
      description: `User profiles API (${env})`,
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      cloudWatchRole: true,
      // The account-level logging role is shared by every API in the region: never delete it.
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: env,
        // The gateway's X-Ray segment records the URL the client sent, query string included, and
        // the client's IP: a stale client's `?email=` would land in traces. The functions still
        // trace (active tracing), and their segments carry no URL.
        tracingEnabled: false,
        metricsEnabled: true,
        loggingLevel,
        // Data tracing ("log full requests/responses") writes query strings, headers and bodies
        // to the execution log: personal data. Never, at any log level.
        dataTraceEnabled: false,
        throttlingRateLimit: props.throttlingRateLimit ?? 50,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 100,
        methodOptions: routeThrottles(routes, { loggingLevel, metricsEnabled: true }),
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: accessLogFormat(),
      },
    });
    keepOriginalId(this.api, ORIGINAL_IDS.restApi);
    keepOriginalId(this.api.deploymentStage, ORIGINAL_IDS.stage);
    this.acknowledgeApiFindings();
    this.requestValidator = this.api.addRequestValidator('RequestValidator', {
      requestValidatorName: 'parameters-and-body',
      validateRequestParameters: true,
      validateRequestBody: true,
    });
    this.jsonObjectModel = this.api.addModel('JsonObject', {
      contentType: 'application/json',
      modelName: 'JsonObject',
      schema: { schema: apigateway.JsonSchemaVersion.DRAFT4, type: apigateway.JsonSchemaType.OBJECT },
    });
    this.problemResponses = addProblemResponses(this.api, { allowedOrigins: origins });

    const functions = new Map<string, RouteFunction>();
    for (const [functionName, rows] of routesByFunction(routes)) {
      const fn = new RouteFunction(this, functionName, {
        environmentName: env,
        routes: rows,
        table: props.table,
        indexName: props.indexName,
        settings: props.settings,
        logRetention: props.logRetention,
        logRemovalPolicy: removalPolicy,
        adminIssuer: this.auth.adminPool.issuer,
        ...(props.handlerSourceDir && { handlerSourceDir: props.handlerSourceDir }),
        ...(props.functionLogLevel && { logLevel: props.functionLogLevel }),
      });
      keepOriginalId(fn.function, ORIGINAL_FUNCTION_IDS[functionName]?.function);
      keepOriginalId(fn.logGroup, ORIGINAL_FUNCTION_IDS[functionName]?.logGroup);
      functions.set(functionName, fn);
    }
    this.functions = functions;
    this.routes = routes.map((route) => this.deployRoute(route));

    const fallbacks = new Map<string, PathFallbacks>();
    for (const routePath of new Set(this.routes.map(({ route }) => route.path))) {
      const servedMethods = this.routes
        .filter(({ route }) => route.path === routePath)
        .map(({ route }) => route.method);
      fallbacks.set(
        routePath,
        addPathFallbacks(this.api.root.resourceForPath(routePath), {
          servedMethods,
          authorizer: this.auth.authorizer,
          allowedOrigins: origins,
        }),
      );
    }
    this.fallbacks = fallbacks;
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

  /** The route's method: Cognito-authorized, validated, proxying to its function. */
  private deployRoute(route: RouteDefinition): DeployedRoute {
    const fn = this.functions.get(route.functionName);
    if (!fn) throw new Error(`no function ${route.functionName} for ${route.method} ${route.path}`);
    const hasBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
    const resource = this.api.root.resourceForPath(route.path);
    keepOriginalId(resource, ORIGINAL_RESOURCE_IDS[route.path]);
    const method = resource.addMethod(
      route.method,
      new apigateway.LambdaIntegration(fn.function, { proxy: true, allowTestInvoke: false }),
      {
        operationName: route.functionName,
        authorizationType: apigateway.AuthorizationType.COGNITO,
        authorizer: this.auth.authorizer,
        requestValidator: this.requestValidator,
        requestParameters: {
          'method.request.header.Authorization': true,
          ...(route.path.includes('{userId}') && { 'method.request.path.userId': true }),
        },
        ...(hasBody && { requestModels: { 'application/json': this.jsonObjectModel } }),
      },
    );
    keepOriginalId(method, ORIGINAL_METHOD_IDS[`${route.method} ${route.path}`]);
    return { route, function: fn, method };
  }

  private acknowledgeApiFindings(): void {
    acknowledgeOnImplicitChild(this.api, 'CloudWatchRole', {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'API Gateway writes execution and access logs through this account-level role; AWS documents this managed policy for it.',
    });
  }
}
