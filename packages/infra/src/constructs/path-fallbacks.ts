import { Duration, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';

import {
  CORS_ALLOWED_HEADERS,
  CORS_MAX_AGE_SECONDS,
  PROBLEM_KINDS,
  problemType,
  SECURITY_HEADERS,
} from '@userprofile/http-lambda/contract';

export interface PathFallbackOptions {
  /** The methods routes serve on this path, e.g. `['GET', 'PUT']`. */
  readonly servedMethods: readonly string[];
  /** Guards the 405 answer: like every non-OPTIONS method it needs a token. */
  readonly authorizer: apigateway.IAuthorizer;
  /** Origins the CORS preflight allows. @default - none: the preflight answers 204 and grants nothing */
  readonly allowedOrigins?: readonly string[];
}

/** What a path answers besides its routes. */
export interface PathFallbacks {
  /** `OPTIONS`: the CORS preflight, unauthenticated, 204. */
  readonly preflight: apigateway.Method;
  /** `ANY` other method: 405 with `Allow` and a problem. */
  readonly methodNotAllowed: apigateway.Method;
}

/**
 * Answers what API Gateway would otherwise answer for a known path (403 "missing authentication
 * token") as the contract says: OPTIONS 204 (the CORS preflight) and other methods 405 + Allow.
 * Call it after the path's routes are added.
 */
export function addPathFallbacks(resource: apigateway.IResource, options: PathFallbackOptions): PathFallbacks {
  const origins = options.allowedOrigins ?? [];
  const allow = [...new Set(options.servedMethods), 'OPTIONS'];
  const preflight =
    origins.length > 0
      ? resource.addCorsPreflight({
          allowOrigins: [...origins],
          allowMethods: allow,
          allowHeaders: [...CORS_ALLOWED_HEADERS],
          maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
          statusCode: 204,
        })
      : // No origin is allowed: a preflight succeeds but grants nothing, so browsers refuse.
        resource.addMethod('OPTIONS', mockIntegration(204, {}), mockMethodOptions(204, {}));
  Validations.of(preflight).acknowledge(
    {
      id: 'AwsSolutions-APIG4',
      reason: `OPTIONS ${resource.path} is the CORS preflight: browsers send it without credentials, and its mock integration reaches no function or data.`,
    },
    {
      id: 'AwsSolutions-COG4',
      reason: `OPTIONS ${resource.path} is the CORS preflight: browsers send it without credentials, so it cannot use the Cognito authorizer.`,
    },
  );

  const headers = { Allow: allow.join(', '), 'Content-Type': 'application/problem+json', ...SECURITY_HEADERS };
  const problem = JSON.stringify({
    type: problemType('method-not-allowed'),
    title: PROBLEM_KINDS['method-not-allowed'].title,
    status: PROBLEM_KINDS['method-not-allowed'].status,
    detail: 'This path does not support this method.',
    requestId: '$context.requestId',
  });
  // Like every non-OPTIONS method it needs a token: strangers learn nothing, not even 405.
  const methodNotAllowed = resource.addMethod('ANY', mockIntegration(405, headers, problem), {
    ...mockMethodOptions(405, headers),
    authorizationType: apigateway.AuthorizationType.COGNITO,
    authorizer: options.authorizer,
  });
  return { preflight, methodNotAllowed };
}

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
