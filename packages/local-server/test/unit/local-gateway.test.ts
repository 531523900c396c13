import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { createGatewayResponses } from '../../src/gateway-responses';
import { loadOrCreateSigningKeys, type LocalSigningKeys } from '../../src/local-keys';
import { createLocalGateway, type AccessLogEntry, type RouteHandler } from '../../src/local-gateway';
import { createLocalTokenVerifier, issueLocalToken } from '../../src/local-tokens';
import { StaticSettingsProvider } from '@userprofile/http-lambda';
import { ROUTES } from '@userprofile/http-lambda/routes';

const ADMIN_CONSOLE = 'https://admin.example.com';

interface Invocation {
  readonly functionName: string;
  readonly event: APIGatewayProxyEvent;
  readonly context: Context;
}

/** Every function answers 200 with what it saw, except when a test replaces it. */
const recordingHandlers = (invocations: Invocation[], overrides: Record<string, RouteHandler> = {}) =>
  new Map<string, RouteHandler>(
    ROUTES.map((route) => [
      route.functionName,
      overrides[route.functionName] ??
        (async (event, context) => {
          invocations.push({ functionName: route.functionName, event, context });
          return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' };
        }),
    ]),
  );

describe('local gateway', () => {
  let dataDir: string;
  let keys: LocalSigningKeys;
  let server: Server;
  let url: string;
  let invocations: Invocation[];
  let logs: AccessLogEntry[];
  let overrides: Record<string, RouteHandler>;
  let healthy: boolean;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'gateway-'));
    keys = await loadOrCreateSigningKeys(dataDir);
    const gateway = createLocalGateway({
      handlers: {
        get: (name: string) => overrides[name] ?? recordingHandlers(invocations).get(name),
      } as ReadonlyMap<string, RouteHandler>,
      verifyToken: createLocalTokenVerifier(keys),
      responses: createGatewayResponses(new StaticSettingsProvider({ corsAllowedOrigins: [ADMIN_CONSOLE] })),
      checkHealth: async () => healthy,
      openApiDocument: () => ({ openapi: '3.1.0' }),
      accessLog: (entry) => logs.push(entry),
    });
    server = createServer({ keepAlive: true }, gateway);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    invocations = [];
    logs = [];
    overrides = {};
    healthy = true;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const bearer = async (sub = 'alice', admin = false) => ({
    Authorization: `Bearer ${await issueLocalToken(keys, { sub, email: `${sub}@example.com`, admin })}`,
  });

  it('hands the route function an API Gateway proxy event with the verified claims', async () => {
    // Prepare
    const headers = { ...(await bearer('alice', true)), 'Content-Type': 'application/json', 'X-Custom': 'one' };

    // Act
    const response = await fetch(`${url}/users/al%20ice?limit=5&tag=a&tag=b`, {
      method: 'PATCH',
      headers,
      body: '{"firstName":"Ada"}',
    });

    // Assess
    expect(response.status).toBe(200);
    expect(invocations).toHaveLength(1);
    const { functionName, event, context } = invocations[0] as Invocation;
    expect(functionName).toBe('UpdateUserProfile');
    expect(event).toMatchObject({
      resource: '/users/{userId}',
      path: '/users/al%20ice',
      httpMethod: 'PATCH',
      pathParameters: { userId: 'al%20ice' }, // still encoded, as a REST API passes it
      queryStringParameters: { limit: '5', tag: 'b' },
      multiValueQueryStringParameters: { limit: ['5'], tag: ['a', 'b'] },
      body: '{"firstName":"Ada"}',
      isBase64Encoded: false,
      requestContext: {
        resourcePath: '/users/{userId}',
        httpMethod: 'PATCH',
        authorizer: { claims: { sub: 'alice', email: 'alice@example.com', 'cognito:groups': 'admins' } },
      },
    });
    expect(event.headers['X-Custom'] ?? event.headers['x-custom']).toBe('one');
    expect(response.headers.get('x-request-id')).toBe(event.requestContext.requestId);
    expect(context.awsRequestId).toBe(event.requestContext.requestId);
  });

  it('passes /users/me through as the path parameter the handlers resolve', async () => {
    // Act
    await fetch(`${url}/users/me`, { headers: await bearer() });

    // Assess
    expect(invocations[0]?.functionName).toBe('GetUserProfile');
    expect(invocations[0]?.event.pathParameters).toEqual({ userId: 'me' });
  });

  it('answers 404 problem+json for an unknown path without running a function', async () => {
    // Act
    const response = await fetch(`${url}/accounts/1`, { headers: await bearer() });

    // Assess
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
    expect(invocations).toHaveLength(0);
  });

  it('answers 405 with Allow for a known path and another method', async () => {
    // Act
    const response = await fetch(`${url}/users`, { method: 'DELETE', headers: await bearer() });

    // Assess
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, GET, OPTIONS');
    expect(await response.json()).toMatchObject({ type: '/problems/method-not-allowed' });
  });

  it('answers a preflight without a token', async () => {
    // Act
    const response = await fetch(`${url}/users/bob`, {
      method: 'OPTIONS',
      headers: { Origin: ADMIN_CONSOLE, 'Access-Control-Request-Method': 'PATCH' },
    });

    // Assess
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ADMIN_CONSOLE);
    expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(invocations).toHaveLength(0);
  });

  it('answers 401 problem+json without a valid token and never runs the function', async () => {
    // Act
    const missing = await fetch(`${url}/users`, { method: 'POST', body: '{}', headers: { Origin: ADMIN_CONSOLE } });
    const garbage = await fetch(`${url}/users`, { headers: { Authorization: 'Bearer a.b.c' } });

    // Assess
    expect(missing.status).toBe(401);
    expect(garbage.status).toBe(401);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(missing.headers.get('access-control-allow-origin')).toBe(ADMIN_CONSOLE);
    expect(await missing.json()).toMatchObject({ type: '/problems/unauthorized', status: 401 });
    expect(invocations).toHaveLength(0);
  });

  it('answers 413 for a declared body over 16 KiB without reading it', async () => {
    // Act
    const response = await fetch(`${url}/users`, {
      method: 'POST',
      headers: { ...(await bearer()), 'Content-Type': 'application/json' },
      body: JSON.stringify({ firstName: 'x'.repeat(17 * 1024) }),
    });

    // Assess
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ type: '/problems/payload-too-large', status: 413 });
    expect(invocations).toHaveLength(0);
  });

  it('answers 413 for a streamed (chunked) body once it passes 16 KiB', async () => {
    // Prepare
    const headers = { ...(await bearer()), 'Content-Type': 'application/json' };

    // Act
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${url}/users`, { method: 'POST', headers }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      for (let i = 0; i < 5; i += 1) request.write('x'.repeat(4 * 1024));
      request.end();
    });

    // Assess
    expect(status).toBe(413);
    expect(invocations).toHaveLength(0);
  });

  it('accepts a body of exactly 16 KiB', async () => {
    // Act
    const response = await fetch(`${url}/users`, {
      method: 'POST',
      headers: await bearer(),
      body: 'x'.repeat(16 * 1024),
    });

    // Assess
    expect(response.status).toBe(200);
    expect(invocations[0]?.event.body).toHaveLength(16 * 1024);
  });

  it('writes headers, multi-value headers and base64 bodies back as API Gateway does', async () => {
    // Prepare
    overrides.GetUserProfile = async (): Promise<APIGatewayProxyResult> => ({
      statusCode: 200,
      headers: { 'Content-Type': 'text/plain', ETag: '"3"' },
      multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
      body: Buffer.from('héllo').toString('base64'),
      isBase64Encoded: true,
    });

    // Act
    const response = await fetch(`${url}/users/alice`, { headers: await bearer() });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"3"');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.text()).toBe('héllo');
  });

  it('turns a function that throws into a 500 problem without its message, and logs no personal data', async () => {
    // Prepare
    overrides.DeleteUserProfile = async () => {
      throw new TypeError('secret ada@example.com');
    };

    // Act
    const response = await fetch(`${url}/users/ada@example.com`, { method: 'DELETE', headers: await bearer() });

    // Assess
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('ada@example.com');
    expect(JSON.parse(text)).toMatchObject({ type: '/problems/internal' });
    expect(logs).toEqual([
      expect.objectContaining({ method: 'DELETE', route: '/users/{userId}', status: 500, error: 'TypeError' }),
    ]);
    expect(JSON.stringify(logs)).not.toContain('ada@example.com');
  });

  it('reports the store on /health and serves the OpenAPI document, both without a token', async () => {
    // Act
    const up = await fetch(`${url}/health`);
    const document = await fetch(`${url}/openapi.json`);
    healthy = false;
    const down = await fetch(`${url}/health`);

    // Assess
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok', store: 'ok' });
    expect(await document.json()).toEqual({ openapi: '3.1.0' });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('1');
  });
});
