import type { APIGatewayProxyEvent } from 'aws-lambda';

/** Maps a request path to the API's resource template (`/users/{userId}`), or undefined. */
export type ResourceOf = (path: string) => string | undefined;

/**
 * The `iss` of the two user pools' tokens in tests. Only the administrators' pool may grant
 * admin rights: a test app trusts `admins` as the admin issuer, and a caller says which pool
 * signed them in.
 */
export const TEST_ISSUERS = {
  /** The end users' (mobile app's) pool: its groups grant nothing. */
  endUsers: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EndUsers1',
  /** The administrators' pool, MFA required: its `admins` group makes an administrator. */
  admins: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Admins001',
} as const;

export interface Caller {
  readonly sub: string;
  /** The token's `iss`, the pool that signed the caller in. @default TEST_ISSUERS.endUsers */
  readonly issuer?: string;
  /** The token's email, delivered with `email_verified: "true"` unless `emailVerified` is false. */
  readonly email?: string;
  readonly emailVerified?: boolean;
  /** As the authorizer delivers `cognito:groups`: text (`"admins"`, `"[admins, x]"`) or an array. */
  readonly groups?: string | readonly string[];
}

/**
 * API Gateway REST proxy events, as the Cognito authorizer passes them on: tests state only
 * what matters (method, path, caller, body) and get a complete, realistic event.
 */
export class ApiGatewayEventBuilder {
  private headers: Record<string, string> = {};
  private query: Record<string, string> | null = null;
  private multiQuery: Record<string, string[]> | null = null;
  private body: string | null = null;
  private isBase64Encoded = false;
  private claims: Record<string, unknown> | undefined;
  private requestId: string = `req-${Math.random().toString(36).slice(2, 12)}`;

  /** `resourceOf` is the routing table's own, so the event names the resource API Gateway would. */
  constructor(
    private readonly method: string,
    private readonly path: string,
    private readonly resourceOf: ResourceOf = () => undefined,
  ) {}

  by(caller: Caller): this {
    this.claims = {
      sub: caller.sub,
      iss: caller.issuer ?? TEST_ISSUERS.endUsers,
      ...(caller.email !== undefined && { email: caller.email, email_verified: String(caller.emailVerified ?? true) }),
      ...(caller.groups !== undefined && { 'cognito:groups': caller.groups }),
    };
    return this;
  }

  withClaims(claims: Record<string, unknown> | undefined): this {
    this.claims = claims;
    return this;
  }

  withHeader(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }

  withQuery(query: Record<string, string>): this {
    this.query = query;
    this.multiQuery = Object.fromEntries(Object.entries(query).map(([key, value]) => [key, [value]]));
    return this;
  }

  withRepeatedQuery(name: string, values: string[]): this {
    this.query = { ...this.query, [name]: values.at(-1)! };
    this.multiQuery = { ...this.multiQuery, [name]: values };
    return this;
  }

  withJson(body: unknown): this {
    return this.withRawBody(JSON.stringify(body), 'application/json');
  }

  withRawBody(body: string, contentType?: string): this {
    this.body = body;
    if (contentType !== undefined) this.headers['Content-Type'] = contentType;
    return this;
  }

  base64Encoded(): this {
    this.body = Buffer.from(this.body ?? '', 'utf8').toString('base64');
    this.isBase64Encoded = true;
    return this;
  }

  ifMatch(value: string): this {
    return this.withHeader('If-Match', value);
  }

  fromOrigin(origin: string): this {
    return this.withHeader('Origin', origin);
  }

  withGatewayRequestId(requestId: string): this {
    this.requestId = requestId;
    return this;
  }

  build(): APIGatewayProxyEvent {
    const resource = this.resourceOf(this.path) ?? this.path;
    // `{userId}` is the second segment of every resource that has one (`/users/{userId}/account` too).
    const userId = resource.startsWith('/users/{userId}') ? this.path.split('/')[2] : undefined;
    return {
      httpMethod: this.method,
      path: this.path,
      resource,
      pathParameters: userId === undefined ? null : { userId },
      queryStringParameters: this.query,
      multiValueQueryStringParameters: this.multiQuery,
      headers: { Authorization: 'Bearer canary-token-abc.def.ghi', ...this.headers },
      multiValueHeaders: Object.fromEntries(Object.entries(this.headers).map(([k, v]) => [k, [v]])),
      body: this.body,
      isBase64Encoded: this.isBase64Encoded,
      stageVariables: null,
      requestContext: {
        accountId: '123456789012',
        apiId: 'api1234567',
        authorizer: this.claims === undefined ? null : { claims: this.claims },
        protocol: 'HTTP/1.1',
        httpMethod: this.method,
        identity: {} as APIGatewayProxyEvent['requestContext']['identity'],
        path: `/test${this.path}`,
        stage: 'test',
        requestId: this.requestId,
        requestTimeEpoch: 1_795_000_000_000,
        resourceId: 'abc123',
        resourcePath: resource,
      },
    };
  }
}
