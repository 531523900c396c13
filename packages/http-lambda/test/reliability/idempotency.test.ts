import { StoreUnavailableError, type IdempotencyStore, type UserProfileRepository } from '@userprofile/domain';
import { FixedClock, InMemoryIdempotencyStore, InMemoryUserProfileRepository } from '@userprofile/testing';

import { fingerprintOf } from '../../src/http/idempotency/idempotency-request';
import { DEFAULT_IDEMPOTENCY_SETTINGS } from '../../src/http/idempotency/idempotency-settings';
import { anEvent, type Caller } from '../unit/support/api-gateway-event.mother';
import { TestApp } from '../unit/support/test-app';
import { counting } from './support/counting-repository';
import { useStoreApp } from './support/store-app';

const RETRIES = 32;
const DAY_MS = DEFAULT_IDEMPOTENCY_SETTINGS.replayWindowSeconds * 1000;
const IN_FLIGHT_MS = DEFAULT_IDEMPOTENCY_SETTINGS.inFlightSeconds * 1000;

let sequence = 0;
const nextUser = (): string => `idem-user-${process.pid}-${(sequence += 1)}`;
const nextKey = (): string => `key-${process.pid}-${(sequence += 1)}`;
const callerOf = (sub: string): Caller => ({ sub, email: `${sub}@example.com` });
const profileBody = (sub: string) => ({ email: `${sub}@example.com`, firstName: 'Ada', lastName: 'Lovelace' });

const createEvent = (sub: string, key?: string, body: object = profileBody(sub)) => {
  const event = anEvent('POST', '/users').by(callerOf(sub)).withJson(body);
  return (key ? event.withHeader('Idempotency-Key', key) : event).build();
};
const patchEvent = (sub: string, key: string, firstName = 'Grace') =>
  anEvent('PATCH', '/users/me').by(callerOf(sub)).withHeader('Idempotency-Key', key).withJson({ firstName }).build();
const deleteEvent = (sub: string, key: string) =>
  anEvent('DELETE', '/users/me').by(callerOf(sub)).withHeader('Idempotency-Key', key).build();

describe('Idempotency-Key on dynalite (real repository, real idempotency store, real handlers)', () => {
  const clock = new FixedClock(new Date());

  const running = useStoreApp({ clock });
  const app = running.app;

  /** Sends `event` RETRIES times at once; returns the responses and how many profile writes they caused. */
  const retriedAtOnce = async (event: () => ReturnType<typeof createEvent>) => {
    const before = app.profileWrites();
    const responses = await Promise.all(Array.from({ length: RETRIES }, () => app.send(event())));
    return { responses, executions: app.profileWrites() - before };
  };
  const statuses = (responses: { status: number }[]) => [...new Set(responses.map((r) => r.status))].sort();

  it(`${RETRIES} concurrent retries of one create: one execution, the others replayed or 409 in flight`, async () => {
    // Prepare
    const sub = nextUser();
    const key = nextKey();

    // Act
    const { responses, executions } = await retriedAtOnce(() => createEvent(sub, key));

    // Assess
    expect(executions).toBe(1);
    const created = responses.filter((r) => r.status === 201);
    const inFlight = responses.filter((r) => r.status === 409);
    expect(created.length + inFlight.length).toBe(RETRIES);
    expect(created.filter((r) => r.headers['Idempotent-Replayed'] === undefined)).toHaveLength(1);
    expect(new Set(created.map((r) => r.headers['ETag']))).toEqual(new Set([created[0]!.headers['ETag']]));
    for (const r of inFlight) {
      expect(r.body?.type).toBe('/problems/request-in-flight');
      expect(Number(r.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    }
    const stored = JSON.parse((await app.rawItem(sub)) ?? '{}') as Record<string, { N?: string }>;
    expect(stored.version?.N).toBe('1');

    // Act: a retry after the first completed is a replay of it
    const retry = await app.send(createEvent(sub, key));

    // Assess
    expect(retry.status).toBe(201);
    expect(retry.headers['Idempotent-Replayed']).toBe('true');
    expect(retry.headers['ETag']).toBe(created[0]!.headers['ETag']);
    expect(retry.headers['Location']).toBe(created[0]!.headers['Location']);
    expect(retry.body).toEqual(created[0]!.body);
  });

  it(`${RETRIES} concurrent retries of one PATCH without If-Match: applied once (version 2), never twice`, async () => {
    // Prepare
    const sub = nextUser();
    expect((await app.send(createEvent(sub))).status).toBe(201);
    const key = nextKey();

    // Act
    const { responses, executions } = await retriedAtOnce(() => patchEvent(sub, key));

    // Assess
    expect(executions).toBe(1);
    expect(statuses(responses).every((s) => s === 200 || s === 409)).toBe(true);
    const stored = JSON.parse((await app.rawItem(sub)) ?? '{}') as Record<string, { N?: string; S?: string }>;
    expect(stored.version?.N).toBe('2');
    expect(stored.firstName?.S).toBe('Grace');
    for (const r of responses.filter((r) => r.status === 200)) expect(r.body?.version).toBe(2);
  });

  it(`${RETRIES} concurrent retries of one DELETE: deleted once, no retry answers 404`, async () => {
    // Prepare
    const sub = nextUser();
    expect((await app.send(createEvent(sub))).status).toBe(201);
    const key = nextKey();

    // Act
    const { responses, executions } = await retriedAtOnce(() => deleteEvent(sub, key));

    // Assess
    expect(executions).toBe(1);
    expect(statuses(responses).every((s) => s === 204 || s === 409)).toBe(true);
    expect(await app.rawItem(sub)).toBeUndefined();
    const retry = await app.send(deleteEvent(sub, key));
    expect(retry.status).toBe(204);
    expect(retry.headers['Idempotent-Replayed']).toBe('true');
  });

  it('refuses the same key with a different body with 422, executing nothing, and keeps replaying the first', async () => {
    // Prepare
    const sub = nextUser();
    const key = nextKey();
    const first = await app.send(createEvent(sub, key));
    expect(first.status).toBe(201);
    const before = app.profileWrites();

    // Act
    const reused = await app.send(createEvent(sub, key, { ...profileBody(sub), firstName: 'Someone else' }));
    const sameAgain = await app.send(createEvent(sub, key));

    // Assess
    expect(reused.status).toBe(422);
    expect(reused.headers['Content-Type']).toBe('application/problem+json');
    expect(reused.body).toMatchObject({ type: '/problems/idempotency-key-reused', status: 422 });
    expect(app.profileWrites()).toBe(before);
    expect(sameAgain.status).toBe(201);
    expect(sameAgain.headers['Idempotent-Replayed']).toBe('true');
  });

  it('fingerprints the body’s bytes: the same JSON in another key order and spacing is 422, executing nothing', async () => {
    // Prepare
    const sub = nextUser();
    const key = nextKey();
    expect((await app.send(createEvent(sub, key))).status).toBe(201);
    const { email, firstName, lastName } = profileBody(sub);
    const reordered = anEvent('POST', '/users')
      .by(callerOf(sub))
      .withHeader('Idempotency-Key', key)
      .withRawBody(
        `{ "lastName": "${lastName}",  "firstName": "${firstName}", "email": "${email}" }`,
        'application/json',
      )
      .build();

    // Act
    const before = app.profileWrites();
    const retry = await app.send(reordered);

    // Assess
    expect(retry.status).toBe(422);
    expect(retry.body?.type).toBe('/problems/idempotency-key-reused');
    expect(app.profileWrites()).toBe(before);
  });

  it('keeps one user’s key apart from another’s: the same key executes for each, and never replays the other’s', async () => {
    // Prepare
    const alice = nextUser();
    const bob = nextUser();
    const key = nextKey();

    // Act
    const forAlice = await app.send(createEvent(alice, key));
    const forBob = await app.send(createEvent(bob, key));

    // Assess
    expect(forAlice.status).toBe(201);
    expect(forBob.status).toBe(201);
    expect(forBob.headers['Idempotent-Replayed']).toBeUndefined();
    expect(forBob.body?.userId).toBe(bob);
    expect(forBob.headers['Location']).not.toBe(forAlice.headers['Location']);
  });

  it('replays a request-caused 4xx within the 24 h replay window, and executes again after it (injected clock)', async () => {
    // Prepare: a PATCH of a profile that does not exist yet is a 404 the request caused
    const sub = nextUser();
    const key = nextKey();
    const notFound = await app.send(patchEvent(sub, key));
    expect(notFound.status).toBe(404);
    expect((await app.send(createEvent(sub))).status).toBe(201);

    // Act: within the window the 404 is replayed, even though the profile exists now
    clock.advance(DAY_MS - 1000);
    const withinWindow = await app.send(patchEvent(sub, key));
    // The store keeps expiry in whole seconds, rounded up: a record never ends early.
    clock.advance(2000);
    const before = app.profileWrites();
    const afterWindow = await app.send(patchEvent(sub, key));

    // Assess
    expect(withinWindow.status).toBe(404);
    expect(withinWindow.headers['Idempotent-Replayed']).toBe('true');
    expect(afterWindow.status).toBe(200);
    expect(afterWindow.headers['Idempotent-Replayed']).toBeUndefined();
    expect(app.profileWrites()).toBe(before + 1);
  });

  it('answers a malformed key with 400 naming the header, executing nothing', async () => {
    // Prepare
    const sub = nextUser();
    const before = app.profileWrites();

    // Act
    const response = await app.send(createEvent(sub, 'has spaces in it'));

    // Assess
    expect(response.status).toBe(400);
    expect(response.body?.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    expect(app.profileWrites()).toBe(before);
  });
});

/** `target` with `method` throwing StoreUnavailableError while `failing()` says so. */
function faulty<T extends object>(target: T, method: keyof T, failing: () => boolean): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (property === method && failing()) return Promise.reject(new StoreUnavailableError(2));
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}

describe('Idempotency-Key when a store fails during each phase', () => {
  const sub = 'fault-user';
  let failing: boolean;
  let repository: InMemoryUserProfileRepository;
  let records: InMemoryIdempotencyStore;
  let writesOf: () => number;

  const counted = (inner: UserProfileRepository): UserProfileRepository => {
    const counter = counting(inner);
    writesOf = counter.writes;
    return counter.repository;
  };

  beforeEach(() => {
    failing = true;
    repository = new InMemoryUserProfileRepository();
    records = new InMemoryIdempotencyStore();
  });

  const appWith = (options: { repository?: UserProfileRepository; idempotencyStore?: IdempotencyStore }) =>
    new TestApp({
      repository: counted(options.repository ?? repository),
      idempotencyStore: options.idempotencyStore ?? records,
    });

  it.each([
    { phase: 'claim', failingStore: () => ({ idempotencyStore: faulty(records, 'claim', () => failing) }), calls: 1 },
    { phase: 'execute', failingStore: () => ({ repository: faulty(repository, 'create', () => failing) }), calls: 2 },
  ])('$phase: 503 with Retry-After, the key left free: the retry executes once', async ({ failingStore, calls }) => {
    // Prepare
    const app = appWith(failingStore());

    // Act
    const failed = await app.send(createEvent(sub, 'k-fault'));
    failing = false;
    const retried = await app.send(createEvent(sub, 'k-fault'));

    // Assess
    expect(failed.status).toBe(503);
    expect(failed.headers['Retry-After']).toBe('2');
    expect(retried.status).toBe(201);
    expect(retried.headers['Idempotent-Replayed']).toBeUndefined();
    expect(writesOf()).toBe(calls);
    expect((await repository.get(sub))?.version).toBe(1);
  });

  it('complete: the executed write is answered; a retry gets 409 in flight, never a second execution', async () => {
    // Prepare
    const app = appWith({ idempotencyStore: faulty(records, 'complete', () => failing) });

    // Act
    const first = await app.send(createEvent(sub, 'k-complete'));
    failing = false;
    const retried = await app.send(createEvent(sub, 'k-complete'));

    // Assess
    expect(first.status).toBe(201);
    expect(retried.status).toBe(409);
    expect(retried.body?.type).toBe('/problems/request-in-flight');
    expect(Number(retried.headers['Retry-After'])).toBe(DEFAULT_IDEMPOTENCY_SETTINGS.inFlightSeconds);
    expect(writesOf()).toBe(1);
  });

  it('a crashed execution’s in-flight marker holds the key only until the function timeout (injected clock)', async () => {
    // Prepare: the marker a crashed execution left, for exactly this request
    const app = appWith({});
    const event = createEvent(sub, 'k-crash');
    const now = app.clock.now();
    await records.claim(
      { scope: sub, key: 'k-crash' },
      fingerprintOf(event),
      now,
      new Date(now.getTime() + IN_FLIGHT_MS),
    );

    // Act
    const whileHeld = await app.send(createEvent(sub, 'k-crash'));
    app.clock.advance(IN_FLIGHT_MS);
    const afterTimeout = await app.send(createEvent(sub, 'k-crash'));

    // Assess
    expect(whileHeld.status).toBe(409);
    expect(afterTimeout.status).toBe(201);
    expect(writesOf()).toBe(1);
  });
});

describe('Idempotency-Key: the record is kept before the answer', () => {
  it('replays the first response to a retry sent the instant it arrives', async () => {
    // Prepare
    const app = new TestApp();

    // Act
    const first = await app.send(createEvent('before-user', 'k-before'));
    const retried = await app.send(createEvent('before-user', 'k-before'));

    // Assess
    expect(retried.status).toBe(201);
    expect(retried.headers['Idempotent-Replayed']).toBe('true');
    expect(retried.headers['ETag']).toBe(first.headers['ETag']);
    expect(retried.body).toEqual(first.body);
  });
});
