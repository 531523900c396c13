import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { AuthorizerClaims } from './local-tokens';

/** What the local server knows about a request when it hands it to a function. */
export interface ProxyRequest {
  readonly request: IncomingMessage;
  /** The API Gateway resource path, e.g. `/users/{userId}`. */
  readonly resource: string;
  readonly pathname: string;
  readonly search: URLSearchParams;
  readonly pathParameters: Record<string, string> | null;
  readonly body: Buffer | null;
  readonly requestId: string;
  readonly claims: AuthorizerClaims | null;
  readonly receivedAt: Date;
}

/**
 * Groups name/value pairs as API Gateway does. Collected in Maps and turned into objects with
 * `Object.fromEntries`, which defines every name as an own property: a header or query
 * parameter named `constructor`, `__proto__` or `toString` is a name like any other, never a
 * lookup on the prototype.
 */
const singleAndMulti = (
  pairs: Iterable<readonly [string, string]>,
): { single: Record<string, string> | null; multi: Record<string, string[]> | null } => {
  const single = new Map<string, string>();
  const multi = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    single.set(name, value);
    const values = multi.get(name);
    if (values) values.push(value);
    else multi.set(name, [value]);
  }
  return single.size > 0
    ? { single: Object.fromEntries(single), multi: Object.fromEntries(multi) }
    : { single: null, multi: null };
};

function* rawHeaderPairs(rawHeaders: readonly string[]): Generator<readonly [string, string]> {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) yield [rawHeaders[i] as string, rawHeaders[i + 1] as string];
}

/**
 * Builds the REST API (v1) proxy event API Gateway would send: headers with their original
 * spelling (last value wins in `headers`, all in `multiValueHeaders`), decoded query
 * parameters likewise, a UTF-8 text body (the API declares no binary media types), and the
 * authorizer's claims under `requestContext.authorizer.claims`.
 */
export const toProxyEvent = (input: ProxyRequest): APIGatewayProxyEvent => {
  const { request } = input;
  const headers = singleAndMulti(rawHeaderPairs(request.rawHeaders));
  const query = singleAndMulti(input.search.entries());
  const method = request.method ?? 'GET';
  const sourceIp = request.socket.remoteAddress ?? '127.0.0.1';
  return {
    resource: input.resource,
    path: input.pathname,
    httpMethod: method,
    headers: headers.single ?? {},
    multiValueHeaders: headers.multi ?? {},
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: input.pathParameters,
    stageVariables: null,
    body: input.body && input.body.length > 0 ? input.body.toString('utf8') : null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: input.claims ? { claims: input.claims } : null,
      protocol: `HTTP/${request.httpVersion}`,
      httpMethod: method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp,
        user: null,
        userAgent: request.headers['user-agent'] ?? null,
        userArn: null,
      },
      path: input.pathname,
      stage: 'local',
      requestId: input.requestId,
      requestTimeEpoch: input.receivedAt.getTime(),
      resourceId: 'local',
      resourcePath: input.resource,
    },
  };
};

/** A Lambda context for one invocation of `functionName`. */
export const toLambdaContext = (functionName: string, requestId: string, timeoutMs: number): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

/**
 * Writes a function's proxy result as the HTTP response, as API Gateway does: `headers` and
 * `multiValueHeaders` merged (the latter wins for a name in both), a base64 body decoded.
 */
export const writeProxyResult = (response: ServerResponse, result: APIGatewayProxyResult, requestId: string): void => {
  const merged = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    merged.set(name.toLowerCase(), { name, values: [String(value)] });
  }
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    merged.set(name.toLowerCase(), { name, values: values.map(String) });
  }
  if (!merged.has('x-request-id')) merged.set('x-request-id', { name: 'X-Request-Id', values: [requestId] });
  merged.delete('content-length');
  const status = result.statusCode;
  const body =
    status === 204 || status === 304 || !result.body
      ? Buffer.alloc(0)
      : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  for (const { name, values } of merged.values()) {
    response.setHeader(name, values.length === 1 ? (values[0] as string) : values);
  }
  if (status !== 204 && status !== 304) response.setHeader('Content-Length', body.length);
  response.statusCode = status;
  response.end(body);
};
