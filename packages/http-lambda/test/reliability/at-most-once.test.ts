import { StoreUnavailableError, type IdempotencyStore } from '@userprofile/domain';
import { InMemoryIdempotencyStore, InMemoryUserProfileRepository, UserProfileMother } from '@userprofile/testing';
import type { APIGatewayProxyEvent } from 'aws-lambda';

import { DEFAULT_IDEMPOTENCY_SETTINGS } from '../../src/http/idempotency/idempotency-settings';
import { anEvent, type Caller } from '../unit/support/api-gateway-event.mother';
import { TestApp, type TestResponse } from '../unit/support/test-app';
import { counting } from './support/counting-repository';

const PAST_THE_WINDOW_MS = DEFAULT_IDEMPOTENCY_SETTINGS.inFlightSeconds * 1000 + 1000;
const sub = 'once-user';
const caller: Caller = { sub, email: `${sub}@example.com` };

const keyed = (event: ReturnType<typeof anEvent>, key: string): APIGatewayProxyEvent =>
  event.by(caller).withHeader('Idempotency-Key', key).build();
const createEvent = (key: string) =>
  keyed(anEvent('POST', '/users').withJson({ email: caller.email, firstName: 'Ada', lastName: 'Lovelace' }), key);
const patchEvent = (key: string) => keyed(anEvent('PATCH', '/users/me').withJson({ firstName: 'Grace' }), key);
const deleteEvent = (key: string) => keyed(anEvent('DELETE', '/users/me'), key);

/** The store, its completions failing while `failing` says so. */
function failingCompletion(inner: IdempotencyStore, failing: { on: boolean }): IdempotencyStore {
  return {
    claim: (...args) => inner.claim(...args),
    release: (...args) => inner.release(...args),
    forgetScope: (...args) => inner.forgetScope(...args),
    forgetSubject: (...args) => inner.forgetSubject(...args),
    recordsOf: (...args) => inner.recordsOf(...args),
    complete: (...args) => (failing.on ? Promise.reject(new StoreUnavailableError(1)) : inner.complete(...args)),
  };
}

describe('a keyed write runs at most once when its completion fails and the retry comes after the in-flight window', () => {
  let stored: InMemoryUserProfileRepository;
  let writes: () => number;
  let failing: { on: boolean };
  let app: TestApp;

  beforeEach(() => {
    stored = new InMemoryUserProfileRepository();
    failing = { on: true };
    const counted = counting(stored);
    writes = counted.writes;
    app = new TestApp({
      repository: counted.repository,
      idempotencyStore: failingCompletion(new InMemoryIdempotencyStore(), failing),
    });
  });

  /** Sends `event`, its completion failing, then the same request once the window has passed. */
  const firstThenLateRetry = async (event: () => APIGatewayProxyEvent) => {
    const first = await app.send(event());
    failing.on = false;
    app.clock.advance(PAST_THE_WINDOW_MS);
    const retried = await app.send(event());
    return { first, retried };
  };
  const sameAnswer = (retried: TestResponse, first: TestResponse) => {
    expect(retried.status).toBe(first.status);
    expect(retried.body).toEqual(first.body);
    for (const header of ['ETag', 'Location']) expect(retried.headers[header]).toBe(first.headers[header]);
  };

  it('create: one profile written, the retry answered 201 with the same profile and Location', async () => {
    // Act
    const { first, retried } = await firstThenLateRetry(() => createEvent('k-create'));

    // Assess
    expect(first.status).toBe(201);
    sameAnswer(retried, first);
    expect(writes()).toBe(1);
    expect(stored.snapshot()).toEqual([expect.objectContaining({ userId: sub, version: 1 })]);
  });

  it('update: the change applied once (version 2), the retry answered 200 with the same profile', async () => {
    // Prepare
    await stored.create(anExistingProfile());
    const before = writes();

    // Act
    const { first, retried } = await firstThenLateRetry(() => patchEvent('k-patch'));

    // Assess
    expect(first.status).toBe(200);
    sameAnswer(retried, first);
    expect(writes() - before).toBe(1);
    expect(stored.snapshot()).toEqual([expect.objectContaining({ firstName: 'Grace', version: 2 })]);
  });

  it('delete: deleted once, the retry answered 204 (not 404)', async () => {
    // Prepare
    await stored.create(anExistingProfile());
    const before = writes();

    // Act
    const { first, retried } = await firstThenLateRetry(() => deleteEvent('k-delete'));

    // Assess
    expect(first.status).toBe(204);
    expect(retried.status).toBe(204);
    expect(writes() - before).toBe(1);
    expect(stored.snapshot()).toEqual([]);
  });

  it('a profile changed by someone else since: 409 request-outcome-unknown, never a second execution', async () => {
    // Prepare
    await stored.create(anExistingProfile());
    const first = await app.send(patchEvent('k-unknown'));
    failing.on = false;
    const other = await app.send(anEvent('PATCH', '/users/me').by(caller).withJson({ lastName: 'Hopper' }).build());
    const before = writes();
    app.clock.advance(PAST_THE_WINDOW_MS);

    // Act
    const retried = await app.send(patchEvent('k-unknown'));
    const again = await app.send(patchEvent('k-unknown'));

    // Assess
    expect([first.status, other.status]).toEqual([200, 200]);
    expect(retried.status).toBe(409);
    expect(retried.body).toMatchObject({ type: '/problems/request-outcome-unknown', status: 409 });
    expect(writes()).toBe(before);
    expect(stored.snapshot()).toEqual([
      expect.objectContaining({ firstName: 'Grace', lastName: 'Hopper', version: 3 }),
    ]);
    expect(again.status).toBe(409);
    expect(again.headers['Idempotent-Replayed']).toBe('true');
  });
});

/** The caller's profile, made an hour before the requests. */
const anExistingProfile = () =>
  UserProfileMother.create({ userId: sub, email: caller.email }, new Date('2026-11-24T09:00:00.000Z'));
