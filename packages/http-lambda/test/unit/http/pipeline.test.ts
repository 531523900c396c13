import { StoreUnavailableError, type UserProfileRepository } from '@userprofile/domain';
import { aLambdaContext, InMemoryUserProfileRepository, useCapturedLogs } from '@userprofile/testing';

import { anEvent, type ApiGatewayEventBuilder } from '../support/api-gateway-event.mother';
import { ADMIN, expectProblem } from '../support/expectations';
import { TestApp } from '../support/test-app';

/** A repository whose every call fails the way the given error says. */
const failingRepository = (error: () => Error): UserProfileRepository => {
  const fail = async (): Promise<never> => {
    throw error();
  };
  return {
    get: fail,
    lastWrite: fail,
    create: fail,
    applyChange: fail,
    delete: fail,
    claim: fail,
    list: fail,
    findByEmail: fail,
  };
};

/** A repository whose reads each wait until `readers` of them have started: those requests are in flight together. */
const meetingRepository = (inner: UserProfileRepository, readers: number): UserProfileRepository => {
  let waiting = 0;
  let allMet: () => void = () => undefined;
  const met = new Promise<void>((resolve) => {
    allMet = resolve;
  });
  return {
    get: async (userId) => {
      if (++waiting === readers) allMet();
      await met;
      return inner.get(userId);
    },
    lastWrite: (...args) => inner.lastWrite(...args),
    create: (...args) => inner.create(...args),
    applyChange: (...args) => inner.applyChange(...args),
    delete: (...args) => inner.delete(...args),
    claim: (...args) => inner.claim(...args),
    list: (...args) => inner.list(...args),
    findByEmail: (...args) => inner.findByEmail(...args),
  };
};

const parsed = (lines: string[]): Record<string, unknown>[] =>
  lines.map((line) => JSON.parse(line) as Record<string, unknown>);

/** One request per route, each valid, so that only the store decides the outcome. */
const everyRoute: [string, () => ApiGatewayEventBuilder][] = [
  ['POST /users', () => anEvent('POST', '/users').withJson({ email: 'a@example.com', firstName: 'A', lastName: 'B' })],
  ['GET /users', () => anEvent('GET', '/users')],
  ['POST /users/search', () => anEvent('POST', '/users/search').withJson({ email: 'a@example.com' })],
  ['GET /users/{userId}', () => anEvent('GET', '/users/alice')],
  ['PUT /users/{userId}', () => anEvent('PUT', '/users/alice').withJson({ firstName: 'A' })],
  ['PATCH /users/{userId}', () => anEvent('PATCH', '/users/alice').withJson({ firstName: 'A' })],
  ['DELETE /users/{userId}', () => anEvent('DELETE', '/users/alice')],
];

describe('request pipeline', () => {
  const logs = useCapturedLogs();

  describe('503 when the store is unavailable', () => {
    it.each(everyRoute)('%s answers 503 with Retry-After', async (_route, event) => {
      // Prepare
      const app = new TestApp({ repository: failingRepository(() => new StoreUnavailableError(3)) });

      // Act
      const response = await app.send(event().by(ADMIN).build());

      // Assess
      expectProblem(response, 503, 'service-unavailable');
      expect(response.headers['Retry-After']).toBe('3');
    });
  });

  describe('500 for anything unexpected', () => {
    it.each(everyRoute)('%s answers a generic 500 that discloses nothing, and logs it', async (_route, event) => {
      // Prepare
      const secret = 'ValidationException: table user-profiles-prod rejected ada@example.com';
      const app = new TestApp({ repository: failingRepository(() => new TypeError(secret)) });

      // Act
      const response = await app.send(event().by(ADMIN).withGatewayRequestId('req-500').build());

      // Assess
      expectProblem(response, 500, 'internal');
      expect(response.raw.body).not.toContain('user-profiles-prod');
      expect(response.raw.body).not.toContain('ada@example.com');
      expect(response.raw.body).not.toContain('TypeError');
      const errorLine = logs
        .lines()
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((l) => l.level === 'ERROR');
      expect(errorLine).toEqual(expect.objectContaining({ request_id: 'req-500', errorName: 'TypeError' }));
      expect(JSON.stringify(errorLine)).not.toContain('ada@example.com');
    });
  });

  describe('X-Request-Id', () => {
    it("is API Gateway's request id when there is one", async () => {
      // Act
      const response = await new TestApp().send(
        anEvent('GET', '/users').by(ADMIN).withGatewayRequestId('gw-123').build(),
      );

      // Assess
      expect(response.headers['X-Request-Id']).toBe('gw-123');
    });

    it("is the client's sane X-Request-Id when the gateway gives none", async () => {
      // Act
      const response = await new TestApp().send(
        anEvent('GET', '/users').by(ADMIN).withGatewayRequestId('').withHeader('x-request-id', 'client-42').build(),
      );

      // Assess
      expect(response.headers['X-Request-Id']).toBe('client-42');
    });

    it('is generated when the incoming one is not sane', async () => {
      // Act
      const response = await new TestApp().send(
        anEvent('GET', '/users').by(ADMIN).withGatewayRequestId('').withHeader('X-Request-Id', '<script>\n').build(),
      );

      // Assess
      expect(response.headers['X-Request-Id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('is on error responses too, and on every log line of the request', async () => {
      // Act
      const response = await new TestApp().send(anEvent('GET', '/users/alice').withGatewayRequestId('gw-401').build());

      // Assess
      expect(response.headers['X-Request-Id']).toBe('gw-401');
      const lines = logs.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((line) => line.request_id === 'gw-401')).toBe(true);
    });
  });

  describe('CORS', () => {
    const settings = { corsAllowedOrigins: ['https://admin.example.com'] };

    it('echoes an allowed origin, varies on Origin and exposes the headers clients read', async () => {
      // Act
      const response = await new TestApp({ settings }).send(
        anEvent('GET', '/users').by(ADMIN).fromOrigin('https://admin.example.com').build(),
      );

      // Assess
      expect(response.headers).toEqual(
        expect.objectContaining({
          'Access-Control-Allow-Origin': 'https://admin.example.com',
          Vary: 'Origin',
          'Access-Control-Expose-Headers':
            'ETag, Location, X-Request-Id, Retry-After, Idempotent-Replayed, Content-Disposition',
        }),
      );
    });

    it('adds CORS headers to error responses too', async () => {
      // Act
      const response = await new TestApp({ settings }).send(
        anEvent('GET', '/users').fromOrigin('https://admin.example.com').build(),
      );

      // Assess
      expect(response.status).toBe(401);
      expect(response.headers['Access-Control-Allow-Origin']).toBe('https://admin.example.com');
    });

    it('gives no Allow-Origin to an origin not configured', async () => {
      // Act
      const response = await new TestApp({ settings }).send(
        anEvent('GET', '/users').by(ADMIN).fromOrigin('https://evil.example').build(),
      );

      // Assess
      expect(response.headers['Access-Control-Allow-Origin']).toBeUndefined();
      expect(response.headers['Vary']).toBe('Origin');
    });

    it('allows any origin with *', async () => {
      // Act
      const response = await new TestApp({ settings: { corsAllowedOrigins: ['*'] } }).send(
        anEvent('GET', '/users').by(ADMIN).fromOrigin('https://anywhere.example').build(),
      );

      // Assess
      expect(response.headers['Access-Control-Allow-Origin']).toBe('https://anywhere.example');
    });

    it.each([
      ['/users', 'POST, GET, OPTIONS'],
      ['/users/alice', 'GET, PUT, PATCH, DELETE, OPTIONS'],
    ])('answers a preflight on %s with 204, its methods and headers, without a token', async (path, methods) => {
      // Act
      const response = await new TestApp({ settings }).send(
        anEvent('OPTIONS', path)
          .fromOrigin('https://admin.example.com')
          .withHeader('Access-Control-Request-Method', 'PUT')
          .build(),
      );

      // Assess
      expect(response.status).toBe(204);
      expect(response.raw.body).toBe('');
      expect(response.headers).toEqual(
        expect.objectContaining({
          'Access-Control-Allow-Origin': 'https://admin.example.com',
          'Access-Control-Allow-Methods': methods,
          'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-Match, Idempotency-Key, X-Request-Id',
          // One hour, as API Gateway's preflight answers in AWS.
          'Access-Control-Max-Age': '3600',
          'X-Request-Id': expect.any(String),
        }),
      );
    });

    it('answers a preflight from a disallowed origin without CORS headers', async () => {
      // Act
      const response = await new TestApp({ settings }).send(
        anEvent('OPTIONS', '/users').fromOrigin('https://evil.example').build(),
      );

      // Assess
      expect(response.status).toBe(204);
      expect(response.headers['Access-Control-Allow-Origin']).toBeUndefined();
      expect(response.headers['Access-Control-Allow-Methods']).toBeUndefined();
    });
  });

  describe('logs', () => {
    it("write one summary line per request, with the route pattern and Powertools' Lambda context keys", async () => {
      // Prepare
      const app = new TestApp();
      await app.givenProfileOf('alice');
      const context = aLambdaContext({ awsRequestId: 'lambda-7' });

      // Act
      await app.send(anEvent('GET', '/users/alice').by(ADMIN).withGatewayRequestId('gw-7').build(), context);

      // Assess
      const summaries = parsed(logs.lines()).filter((line) => line.message === 'request completed');
      expect(summaries).toEqual([
        expect.objectContaining({
          level: 'INFO',
          method: 'GET',
          route: '/users/{userId}',
          status: 200,
          request_id: 'gw-7',
          cold_start: expect.any(Boolean),
          function_name: context.functionName,
          function_arn: context.invokedFunctionArn,
          function_request_id: 'lambda-7',
        }),
      ]);
      expect(JSON.stringify(summaries)).not.toContain('/users/alice');
    });

    it('keep the request ids of two requests in flight at once apart', async () => {
      // Prepare: both reads wait until the other has started.
      const store = new TestApp();
      await store.givenProfileOf('alice');
      await store.givenProfileOf('bob');
      const app = new TestApp({ repository: meetingRepository(store.repository, 2) });
      const request = (id: string, userId: string) =>
        app.send(
          anEvent('GET', `/users/${userId}`).by(ADMIN).withGatewayRequestId(`gw-${id}`).build(),
          aLambdaContext({ awsRequestId: `lambda-${id}` }),
        );

      // Act
      await Promise.all([request('a', 'alice'), request('b', 'bob')]);

      // Assess
      const summaries = parsed(logs.lines()).filter((line) => line.message === 'request completed');
      expect(summaries.map((line) => [line.request_id, line.function_request_id]).sort()).toEqual([
        ['gw-a', 'lambda-a'],
        ['gw-b', 'lambda-b'],
      ]);
    });

    it('never contain an email, phone number, name, token or body', async () => {
      // Prepare
      const app = new TestApp({ repository: new InMemoryUserProfileRepository() });
      const canary = {
        email: 'canary.person@example.com',
        firstName: 'Canaryfirst',
        lastName: 'Canarylast',
        phoneNumber: '+447700900999',
      };
      const caller = { sub: 'canary-sub', email: canary.email };

      // Act: success, validation failure, conflict, update, and a failing store
      await app.send(anEvent('POST', '/users').by(caller).withJson(canary).build());
      await app.send(anEvent('POST', '/users').by(caller).withJson(canary).build());
      await app.send(
        anEvent('POST', '/users')
          .by(caller)
          .withJson({ ...canary, email: 'bad canary.person@' })
          .build(),
      );
      await app.send(
        anEvent('PATCH', '/users/me')
          .by(caller)
          .withJson({ phoneNumber: '+447700900998', lastName: 'Canarynew' })
          .build(),
      );
      await app.send(anEvent('GET', '/users').by(ADMIN).withQuery({ email: canary.email }).build());
      await new TestApp({
        repository: failingRepository(() => new Error(`boom ${canary.email} ${canary.phoneNumber}`)),
      }).send(anEvent('GET', '/users/me').by(caller).build());

      // Assess
      const output = logs.lines().join('\n');
      expect(output).toContain('request completed');
      for (const secret of [
        'canary.person',
        'Canaryfirst',
        'Canarylast',
        'Canarynew',
        '900999',
        '900998',
        'canary-token',
        'Bearer',
      ]) {
        expect(output).not.toContain(secret);
      }
    });
  });
});
