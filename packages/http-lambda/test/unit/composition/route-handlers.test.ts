import {
  aLambdaContext,
  FixedClock,
  InMemoryIdempotencyStore,
  InMemoryUserProfileRepository,
  TEST_ISSUERS,
  useCapturedLogs,
} from '@userprofile/testing';

import { createRouteHandlers } from '../../../src/composition/route-handlers';
import { methodNotAllowedResponse, notFoundResponse, preflightResponse } from '../../../src/http/gateway-answers';
import { ROUTES } from '../../../src/routes';
import { StaticSettingsProvider } from '../../../src/settings/runtime-settings';
import { anEvent } from '../support/api-gateway-event.mother';

describe('createRouteHandlers (the local server composition root)', () => {
  useCapturedLogs();

  /** The handlers on in-memory adapters. */
  const handlersOn = (repository = new InMemoryUserProfileRepository()) =>
    createRouteHandlers({
      repository,
      config: new StaticSettingsProvider(),
      clock: new FixedClock(),
      idempotencyStore: new InMemoryIdempotencyStore(),
      adminIssuer: TEST_ISSUERS.admins,
    });

  it('has a handler for every function of the route table', () => {
    // Act
    const handlers = handlersOn();

    // Assess
    expect([...handlers.keys()].sort()).toEqual([...new Set(ROUTES.map((route) => route.functionName))].sort());
  });

  it('runs the same handlers on the given adapters', async () => {
    // Prepare
    const repository = new InMemoryUserProfileRepository();
    const handlers = handlersOn(repository);
    const caller = { sub: 'alice', email: 'a@example.com' };

    // Act
    const created = await handlers.get('CreateUserProfile')!(
      anEvent('POST', '/users').by(caller).withJson({ email: 'a@example.com', firstName: 'A', lastName: 'B' }).build(),
      aLambdaContext(),
    );
    const read = await handlers.get('GetUserProfile')!(
      anEvent('GET', '/users/me').by(caller).build(),
      aLambdaContext(),
    );

    // Assess
    expect(created.statusCode).toBe(201);
    expect(read.statusCode).toBe(200);
    expect(JSON.parse(read.body)).toEqual(JSON.parse(created.body));
    expect(repository.snapshot()).toHaveLength(1);
  });
});

describe('gateway helpers', () => {
  it('405 names the allowed methods in Allow, as problem+json', () => {
    // Act
    const response = methodNotAllowedResponse(
      ['GET', 'POST'],
      anEvent('PUT', '/users').withGatewayRequestId('r-405').build(),
    );

    // Assess
    expect(response.statusCode).toBe(405);
    expect(response.headers).toEqual(
      expect.objectContaining({
        Allow: 'GET, POST',
        'Content-Type': 'application/problem+json',
        'X-Request-Id': 'r-405',
      }),
    );
    expect(JSON.parse(response.body)).toEqual(
      expect.objectContaining({ type: '/problems/method-not-allowed', status: 405 }),
    );
  });

  it('404 for an unknown path, as problem+json with a request id', () => {
    // Act
    const response = notFoundResponse();

    // Assess
    expect(response.statusCode).toBe(404);
    expect(response.headers?.['X-Request-Id']).toEqual(expect.any(String));
    expect(JSON.parse(response.body)).toEqual(expect.objectContaining({ type: '/problems/not-found', status: 404 }));
  });

  it('adds CORS headers for an allowed origin when given the settings', () => {
    // Act
    const response = notFoundResponse(anEvent('GET', '/nowhere').fromOrigin('https://a.example').build(), {
      corsAllowedOrigins: ['https://a.example'],
    });

    // Assess
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe('https://a.example');
  });

  it('answers a preflight with the methods of the path', () => {
    // Act
    const response = preflightResponse(anEvent('OPTIONS', '/users/bob').fromOrigin('https://a.example').build(), {
      corsAllowedOrigins: ['https://a.example'],
    });

    // Assess
    expect(response.statusCode).toBe(204);
    expect(response.headers?.['Access-Control-Allow-Methods']).toBe('GET, PUT, PATCH, DELETE, OPTIONS');
    expect(response.headers?.['X-Request-Id']).toEqual(expect.any(String));
  });
});
