/**
 * API Gateway (REST, proxy integration) events as the Cognito authorizer delivers them, so
 * that handlers are invoked exactly as in AWS: verified claims under
 * `requestContext.authorizer.claims`, path parameters, and a JSON body.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

import type { RouteDefinition } from '../../packages/http-lambda/src/routes';

/** The `iss` of the administrators' user pool the benchmarked handlers trust (`ADMIN_ISSUER`). */
export const BENCH_ADMIN_ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_BenchAdm1';

export interface EventInput {
  readonly method: string;
  /** A path of the route table. */
  readonly resource: RouteDefinition['path'];
  readonly sub: string;
  readonly admin?: boolean;
  readonly userId?: string;
  readonly body?: unknown;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
}

/** A non-admin may set only their verified email: the caller's is the one the body gives, if any. */
const callerEmailOf = (input: EventInput): string => {
  const body = input.body as { email?: unknown } | undefined;
  return typeof body === 'object' && body !== null && typeof body.email === 'string'
    ? body.email
    : `${input.sub}@example.com`;
};

/** A request of `sub` about their own profile (`/users/me`). */
export const ownProfileEvent = (method: string, sub: string, body?: unknown): EventInput => ({
  method,
  resource: '/users/{userId}',
  sub,
  userId: 'me',
  ...(body !== undefined && { body }),
});

export const apiGatewayEvent = (input: EventInput): APIGatewayProxyEvent => {
  const path = input.resource.replace('{userId}', encodeURIComponent(input.userId ?? ''));
  const body =
    input.body === undefined ? null : typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
  const headers: Record<string, string> = {
    Authorization: 'Bearer (verified by the authorizer)',
    ...(body !== null && { 'Content-Type': 'application/json' }),
    ...input.headers,
  };
  return {
    resource: input.resource,
    path,
    httpMethod: input.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: input.query ?? null,
    multiValueQueryStringParameters: input.query
      ? Object.fromEntries(Object.entries(input.query).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters: input.userId === undefined ? null : { userId: input.userId },
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'bench',
      authorizer: {
        claims: {
          sub: input.sub,
          email: callerEmailOf(input),
          email_verified: 'true',
          // As the authorizer passes an admin pool token: only that pool's `admins` make an administrator.
          ...(input.admin && { iss: BENCH_ADMIN_ISSUER, 'cognito:groups': 'admins' }),
        },
      },
      protocol: 'HTTP/1.1',
      httpMethod: input.method,
      identity: { sourceIp: '127.0.0.1', userAgent: 'bench' } as APIGatewayProxyEvent['requestContext']['identity'],
      path: `/bench${path}`,
      stage: 'bench',
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      resourceId: 'bench',
      resourcePath: input.resource,
    },
  };
};

export const lambdaContext = (functionName: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
  memoryLimitInMB: '512',
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 29_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** A valid profile body, distinct per call so that concurrent creates never collide on email. */
export const profileBody = (n: number | string) => ({
  email: `bench.user.${n}@example.com`,
  firstName: 'Ada',
  lastName: 'Lovelace',
  phoneNumber: '+447700900123',
});
