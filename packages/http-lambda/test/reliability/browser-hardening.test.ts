import { StoreUnavailableError, type UserProfile } from '@userprofile/domain';
import { InMemoryUserProfileRepository } from '@userprofile/testing';
import type { APIGatewayProxyResult } from 'aws-lambda';

import { MAX_BODY_BYTES } from '../../src/contract/service';
import { methodNotAllowedResponse, notFoundResponse, preflightResponse } from '../../src/http/gateway-answers';
import { anEvent, type Caller } from '../unit/support/api-gateway-event.mother';
import { ADMIN } from '../unit/support/expectations';
import { TestApp, useTestApp } from '../unit/support/test-app';

const ALICE: Caller = { sub: 'alice', email: 'alice@example.com' };
const HOSTILE_KEY = '<script>alert(1)</script>';

/** A browser may neither keep a profile answer in its cache nor guess its content type. */
const expectHardened = (raw: APIGatewayProxyResult): void => {
  expect(raw.headers).toEqual(
    expect.objectContaining({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }),
  );
};

/** A repository whose reads fail as `failure` says. */
const failingOnRead = (failure: () => Error) =>
  new (class extends InMemoryUserProfileRepository {
    override get(): Promise<UserProfile | undefined> {
      return Promise.reject(failure());
    }
  })();

describe('Cache-Control: no-store and X-Content-Type-Options: nosniff on every answer of the handlers', () => {
  const t = useTestApp();

  beforeEach(async () => {
    await t.app.givenProfileOf('alice', { email: 'alice@example.com' });
  });

  const body = { email: 'bob@example.com', firstName: 'Bob', lastName: 'B', phoneNumber: null };
  it.each([
    { answer: '200 profile', status: 200, event: () => anEvent('GET', '/users/me').by(ALICE) },
    {
      answer: '201 created',
      status: 201,
      event: () =>
        anEvent('POST', '/users')
          .by(ADMIN)
          .withJson({ userId: 'bob', ...body }),
    },
    { answer: '200 page', status: 200, event: () => anEvent('GET', '/users').by(ADMIN) },
    { answer: '204 deleted', status: 204, event: () => anEvent('DELETE', '/users/me').by(ALICE) },
    { answer: '204 preflight', status: 204, event: () => anEvent('OPTIONS', '/users/me').fromOrigin('https://a.test') },
    { answer: '401 problem', status: 401, event: () => anEvent('GET', '/users/me') },
    { answer: '403 problem', status: 403, event: () => anEvent('GET', '/users').by(ALICE) },
    { answer: '404 problem', status: 404, event: () => anEvent('GET', '/users/nobody').by(ADMIN) },
    {
      answer: '400 problem',
      status: 400,
      event: () => anEvent('PATCH', '/users/me').by(ALICE).withJson({ firstName: 7 }),
    },
    {
      answer: '413 problem',
      status: 413,
      event: () =>
        anEvent('PATCH', '/users/me')
          .by(ALICE)
          .withRawBody(`{"firstName":"${'x'.repeat(MAX_BODY_BYTES)}"}`, 'application/json'),
    },
    {
      answer: '415 problem',
      status: 415,
      event: () => anEvent('PATCH', '/users/me').by(ALICE).withRawBody('firstName=x', 'text/plain'),
    },
  ])('$answer', async ({ status, event }) => {
    // Act
    const response = await t.app.send(event().build());

    // Assess
    expect(response.status).toBe(status);
    expectHardened(response.raw);
  });

  it.each([
    { answer: '503 problem (store away)', status: 503, failure: () => new StoreUnavailableError(1) },
    { answer: '500 problem (a fault)', status: 500, failure: () => new Error('boom') },
  ])('$answer', async ({ status, failure }) => {
    // Prepare
    const app = new TestApp({ repository: failingOnRead(failure) });

    // Act
    const response = await app.send(anEvent('GET', '/users/me').by(ALICE).build());

    // Assess
    expect(response.status).toBe(status);
    expectHardened(response.raw);
  });

  it('an Idempotency-Key replay', async () => {
    // Prepare
    const write = () =>
      anEvent('POST', '/users')
        .by(ADMIN)
        .withHeader('Idempotency-Key', 'k-hardened')
        .withJson({ userId: 'carol', ...body, email: 'carol@example.com' })
        .build();
    await t.app.send(write());

    // Act
    const replay = await t.app.send(write());

    // Assess
    expect(replay.headers['Idempotent-Replayed']).toBe('true');
    expectHardened(replay.raw);
  });

  it.each([
    { answer: '404 for an unknown path', make: () => notFoundResponse() },
    { answer: '405 with Allow', make: () => methodNotAllowedResponse(['GET']) },
    {
      answer: '204 preflight',
      make: () => preflightResponse({ headers: {}, path: '/users', resource: '/users' }, { corsAllowedOrigins: [] }),
    },
  ])('the answers a runtime gives where API Gateway would: $answer', ({ make }) => {
    expectHardened(make());
  });
});

describe('a problem never repeats a key the client sent', () => {
  const t = useTestApp();

  beforeEach(async () => {
    await t.app.givenProfileOf('alice', { email: 'alice@example.com' });
  });

  it.each([
    {
      where: 'the body',
      event: () =>
        anEvent('PATCH', '/users/me')
          .by(ALICE)
          .withJson({ [HOSTILE_KEY]: 1 }),
    },
    {
      where: 'the body, beside a valid field',
      event: () =>
        anEvent('POST', '/users')
          .by(ADMIN)
          .withJson({ userId: 'dave', email: 'dave@example.com', firstName: 'D', lastName: 'D', [HOSTILE_KEY]: 1 }),
    },
    {
      where: 'the query',
      event: () =>
        anEvent('GET', '/users')
          .by(ADMIN)
          .withQuery({ [HOSTILE_KEY]: '1' }),
    },
  ])('an unknown field in $where is a 400 that names it by position', async ({ event }) => {
    // Act
    const response = await t.app.send(event().build());

    // Assess
    expect(response.status).toBe(400);
    expect(response.raw.body).not.toContain('script');
    expect(response.raw.body).not.toContain('alert');
    expect(response.body?.errors).toContainEqual({
      field: expect.stringMatching(/^#\d+$/),
      message: expect.any(String),
    });
  });

  it('a very long unknown key is not quoted either', async () => {
    // Prepare
    const key = 'k'.repeat(4_000);

    // Act
    const response = await t.app.send(
      anEvent('PATCH', '/users/me')
        .by(ALICE)
        .withJson({ [key]: 1 })
        .build(),
    );

    // Assess
    expect(response.status).toBe(400);
    expect(response.raw.body).not.toContain('kkkk');
    expect(response.raw.body.length).toBeLessThan(1_000);
  });
});
