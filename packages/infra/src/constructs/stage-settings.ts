import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type { RouteDefinition } from '@userprofile/http-lambda/routes';

/* What the API's stage records and admits beyond its defaults: throttles per route, and access
   log lines that hold no personal data beyond who called and from where. */

/**
 * The stage's method settings for routes with their own throttle (`'/users/GET'` → its rates);
 * the rest share the stage's. A method setting replaces the stage's for that method, so each
 * repeats the stage's `logging` (and never turns data tracing on).
 */
export function routeThrottles(
  routes: readonly RouteDefinition[],
  logging: Pick<apigateway.MethodDeploymentOptions, 'loggingLevel' | 'metricsEnabled'>,
): Record<string, apigateway.MethodDeploymentOptions> {
  return Object.fromEntries(
    routes
      .filter((route) => route.throttle !== undefined)
      .map((route) => [
        `${route.path}/${route.method}`,
        {
          ...logging,
          throttlingRateLimit: route.throttle?.rateLimit,
          throttlingBurstLimit: route.throttle?.burstLimit,
          dataTraceEnabled: false,
        },
      ]),
  );
}

/**
 * JSON access log lines: who-what-how-long, never bodies, tokens or concrete paths. Who is the
 * caller's `sub` (empty on a 401: the authorizer verified nobody) and the source address, so
 * that every refusal can be traced to a caller; the address may be personal data, which is why
 * the access log group has a retention of its own (`accessLogRetentionDays`).
 */
export function accessLogFormat(): apigateway.AccessLogFormat {
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
      sub: f.contextAuthorizerClaims('sub'),
      sourceIp: f.contextIdentitySourceIp(),
    }),
  );
}
