import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { MAX_BODY_BYTES, SECURITY_HEADERS } from '@userprofile/http-lambda/contract';
import { ROUTES, type RouteDefinition } from '@userprofile/http-lambda/routes';
import { toLambdaContext, toProxyEvent, writeProxyResult, type ProxyRequest } from './api-gateway-proxy';
import type { LocalTokenVerifier } from './local-tokens';
import { createRouteMatcher } from '@userprofile/http-lambda/route-match';

/** A Lambda function's handler, as the route table's entry modules export it. */
export type RouteHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * The responses the gateway gives itself, without running a route's function. Each gets the
 * proxy event the function would have got (request id, headers for CORS).
 */
export interface GatewayResponses {
  notFound(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult>;
  /** A known path with a method it does not serve; `allow` lists those it does. */
  methodNotAllowed(allow: readonly string[], event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult>;
  /** The CORS preflight answer for an `OPTIONS` request on a known path. */
  preflight(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult>;
  unauthorized(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult>;
  payloadTooLarge(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult>;
  internalError(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult>;
}

/** One access-log entry: never a body, a token, a raw path or an address. */
export interface AccessLogEntry {
  readonly requestId: string;
  readonly method: string;
  /** The route pattern (`/users/{userId}`), never the raw path. */
  readonly route: string;
  readonly status: number;
  readonly durationMs: number;
  /** Set when a function threw: the error's class name only, never its message. */
  readonly error?: string;
  /**
   * Set on a 401 the stand-in authorizer answered: how many it has answered since the server
   * started, this one included. A 401 names nobody, so it is counted rather than audited (in AWS,
   * the `UnauthorizedRequests` metric, from the access log).
   */
  readonly unauthorizedRequests?: number;
}

export interface LocalGatewayDependencies {
  /** Keyed by the route table's `functionName`. */
  readonly handlers: ReadonlyMap<string, RouteHandler>;
  readonly verifyToken: LocalTokenVerifier;
  readonly responses: GatewayResponses;
  /** Whether the store answers; drives `GET /health`. */
  readonly checkHealth: () => Promise<boolean>;
  /** The OpenAPI document served at `GET /openapi.json`. */
  readonly openApiDocument: () => unknown;
  readonly accessLog: (entry: AccessLogEntry) => void;
  readonly routes?: readonly RouteDefinition[];
  readonly maxBodyBytes?: number;
  /** How long a function may run, as its Lambda timeout would allow. */
  readonly functionTimeoutMs?: number;
}

type BodyRead = { readonly ok: true; readonly body: Buffer } | { readonly ok: false };

/**
 * Reads a request body, counting bytes as they arrive: a declared or actual size above the
 * limit stops reading at once, so an oversized body is never buffered.
 */
const readBody = (request: IncomingMessage, limit: number): Promise<BodyRead> =>
  new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? '0');
    if (declared > limit) {
      resolve({ ok: false });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        request.pause();
        resolve({ ok: false });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve({ ok: true, body: Buffer.concat(chunks, size) });
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });

const json = (statusCode: number, body: unknown, requestId: string): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', 'X-Request-Id': requestId, ...SECURITY_HEADERS },
  body: JSON.stringify(body),
});

/**
 * The local stand-in for API Gateway as a node:http request listener: routes by the route
 * table, answers what the gateway answers itself (404, 405, preflight, 401, 413, health, the
 * OpenAPI document), verifies the token and puts its claims where the Cognito authorizer
 * does, runs the route's function, and writes its proxy result back.
 */
/** A node:http request listener whose promise settles once its request is answered (or given up). */
export type LocalGateway = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export const createLocalGateway = (deps: LocalGatewayDependencies): LocalGateway => {
  const routes = deps.routes ?? ROUTES;
  const match = createRouteMatcher(routes);
  const limit = deps.maxBodyBytes ?? MAX_BODY_BYTES;
  const timeoutMs = deps.functionTimeoutMs ?? 10_000;

  type Note = { route: string; error?: string; closeConnection?: boolean; unauthorizedRequests?: number };
  let unauthorizedRequests = 0;

  const handle = async (
    request: IncomingMessage,
    requestId: string,
    receivedAt: Date,
    note: Note,
  ): Promise<APIGatewayProxyResult> => {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://localhost');
    // API Gateway matches `/users/` as `/users`.
    const pathname = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const eventFor = (
      resource: string,
      pathParameters: Record<string, string> | null = null,
      extra: Pick<ProxyRequest, 'body' | 'claims'> = { body: null, claims: null },
    ): APIGatewayProxyEvent =>
      toProxyEvent({
        request,
        resource,
        pathname,
        search: url.searchParams,
        pathParameters,
        requestId,
        receivedAt,
        ...extra,
      });

    if (pathname === '/health' || pathname === '/openapi.json') {
      note.route = pathname;
      if (method === 'OPTIONS') return deps.responses.preflight(eventFor(pathname));
      if (method !== 'GET') return deps.responses.methodNotAllowed(['GET', 'OPTIONS'], eventFor(pathname));
      if (pathname === '/openapi.json') return json(200, deps.openApiDocument(), requestId);
      const healthy = await deps.checkHealth().catch(() => false);
      return healthy
        ? json(200, { status: 'ok', store: 'ok' }, requestId)
        : {
            ...json(503, { status: 'unavailable', store: 'unavailable' }, requestId),
            multiValueHeaders: { 'Retry-After': ['1'] },
          };
    }

    // No route serves OPTIONS, so a known path with OPTIONS matches as "another method".
    const matched = match(method, pathname);
    if (matched.kind === 'not-found') return deps.responses.notFound(eventFor(pathname));
    if (matched.kind === 'method-not-allowed') {
      note.route = matched.resource;
      if (method === 'OPTIONS') return deps.responses.preflight(eventFor(matched.resource));
      return deps.responses.methodNotAllowed(matched.allow, eventFor(matched.resource));
    }
    const { route } = matched;
    note.route = route.path;

    const verified = await deps.verifyToken(request.headers.authorization);
    if (!verified.ok) {
      note.closeConnection = !request.complete;
      note.unauthorizedRequests = ++unauthorizedRequests;
      return deps.responses.unauthorized(eventFor(route.path));
    }
    // A REST API hands path parameters to the function still percent-encoded; so do we.
    const pathParameters = matched.pathParameters;
    const body = await readBody(request, limit);
    if (!body.ok) {
      note.closeConnection = true;
      return deps.responses.payloadTooLarge(eventFor(route.path));
    }
    const handler = deps.handlers.get(route.functionName);
    if (!handler) throw new Error(`no handler for ${route.functionName}`);
    const event = eventFor(route.path, pathParameters, { body: body.body, claims: verified.claims });
    return handler(event, toLambdaContext(route.functionName, requestId, timeoutMs));
  };

  return (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = process.hrtime.bigint();
    const receivedAt = new Date();
    const requestId = randomUUID();
    const note: Note = { route: 'unmatched' };
    response.on('finish', () => {
      deps.accessLog({
        requestId,
        method: request.method ?? 'GET',
        route: note.route,
        status: response.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        ...(note.error ? { error: note.error } : {}),
        ...(note.unauthorizedRequests !== undefined && { unauthorizedRequests: note.unauthorizedRequests }),
      });
    });
    return handle(request, requestId, receivedAt, note)
      .catch((error: unknown) => {
        // The class name is safe to log; a message may quote a profile, so it is never logged.
        note.error = error instanceof Error ? error.name : typeof error;
        const { pathname, searchParams } = new URL(request.url ?? '/', 'http://localhost');
        return deps.responses.internalError(
          toProxyEvent({
            request,
            resource: note.route,
            pathname,
            search: searchParams,
            pathParameters: null,
            body: null,
            requestId,
            claims: null,
            receivedAt,
          }),
        );
      })
      .then((result) => {
        if (response.destroyed) return;
        // The rest of an unread body is never read, so the connection cannot be reused.
        if (note.closeConnection) response.setHeader('Connection', 'close');
        writeProxyResult(response, result, requestId);
      })
      .catch(() => void response.destroy());
  };
};
