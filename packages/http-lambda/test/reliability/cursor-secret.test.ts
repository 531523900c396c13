import { createSecretsManagerClient, SECRET_CACHE_DEFAULTS, SecretsManagerCursorKeys } from '@userprofile/adapters-aws';
import {
  closedPort,
  createCursorSecret,
  CURSOR_KEYS,
  putCursorKeys,
  type RunningDynalite,
  startDynalite,
  type StoredCursorKeys,
  useMotoService,
} from '@userprofile/testing';

import { anEvent } from '../unit/support/api-gateway-event.mother';
import { ADMIN } from '../unit/support/expectations';
import { createStoreApp, type StoreApp } from './support/store-app';

const { a: KEY_A, b: KEY_B, c: KEY_C } = CURSOR_KEYS;
const PROFILES = 5;

const listPage = (limit: number, cursor?: string) =>
  anEvent('GET', '/users')
    .by(ADMIN)
    .withQuery({ limit: String(limit), ...(cursor !== undefined && { cursor }) })
    .build();

const createProfiles = async (app: StoreApp, count: number, prefix: string): Promise<void> => {
  for (let i = 0; i < count; i++) {
    const sub = `${prefix}-${i}`;
    const email = `${sub}@example.com`;
    const created = await app.send(
      anEvent('POST', '/users').by({ sub, email }).withJson({ email, firstName: 'Ada', lastName: 'Lovelace' }).build(),
    );
    expect(created.status).toBe(201);
  }
};

describe('page cursors signed with the Secrets Manager keys (moto + dynalite, real handlers)', () => {
  const moto = useMotoService('secretsManager', (endpoint) => createSecretsManagerClient({ endpoint }));
  let store: RunningDynalite;

  beforeAll(async () => {
    store = await startDynalite();
  });

  afterAll(() => store?.stop());

  it('accepts a cursor signed with the previous key during a rotation, and refuses it (400, not 500) once that key is gone', async () => {
    // Prepare: the list function's keys, read through the adapter, on a clock the test moves past the cache.
    const secretId = await createCursorSecret(moto.setUp, 'userprofile/rotation/cursor-keys', { current: KEY_A });
    let now = 1_000_000;
    const cursorKeys = new SecretsManagerCursorKeys({ client: moto.client, secretId, now: () => now });
    const app = await createStoreApp(store.endpoint, { cursorKeys });
    const rotate = async (keys: StoredCursorKeys) => {
      await putCursorKeys(moto.setUp, secretId, keys);
      now += SECRET_CACHE_DEFAULTS.ttlMs;
    };
    try {
      await createProfiles(app, PROFILES, 'rotation');
      const first = await app.send(listPage(2));
      const signedWithA = first.body?.nextCursor as string;
      expect(first.status).toBe(200);

      // Act: rotation starts; then ends, dropping the old key.
      await rotate({ current: KEY_B, previous: KEY_A });
      const duringRotation = await app.send(listPage(2, signedWithA));
      const signedWithB = duringRotation.body?.nextCursor as string;
      await rotate({ current: KEY_C, previous: KEY_B });
      const withB = await app.send(listPage(2, signedWithB));
      await rotate({ current: KEY_C });
      const withA = await app.send(listPage(2, signedWithA));
      const withBAfter = await app.send(listPage(2, signedWithB));

      // Assess
      expect(duringRotation.status).toBe(200);
      expect(duringRotation.body?.items).toHaveLength(2);
      expect(signedWithB).toEqual(expect.any(String));
      expect(withB.status).toBe(200);
      for (const refused of [withA, withBAfter]) {
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({
          type: '/problems/validation',
          errors: [{ field: 'cursor', message: expect.any(String) }],
        });
      }
    } finally {
      app.destroy();
    }
  });

  it('answers 503 + Retry-After only to requests that need the keys when they cannot be read', async () => {
    // Prepare: a list function whose Secrets Manager is unreachable, on a store of its own.
    const ownStore = await startDynalite();
    const unreachable = createSecretsManagerClient({ endpoint: await closedPort() });
    const app = await createStoreApp(ownStore.endpoint, {
      cursorKeys: new SecretsManagerCursorKeys({ client: unreachable, secretId: 'userprofile/away/cursor-keys' }),
    });
    try {
      await createProfiles(app, 2, 'away');

      // Act
      const lastPage = await app.send(listPage(5));
      const read = await app.send(anEvent('GET', '/users/away-0').by(ADMIN).build());
      const pageWithNext = await app.send(listPage(1));
      const withCursor = await app.send(listPage(1, 'eyJ1c2VySWQiOiJhd2F5LTAifQ.c2lnbmF0dXJl'));

      // Assess: what needs no cursor is served; what does is told to come back.
      expect(lastPage.status).toBe(200);
      expect(lastPage.body).toMatchObject({ nextCursor: null });
      expect(read.status).toBe(200);
      for (const refused of [pageWithNext, withCursor]) {
        expect(refused.status).toBe(503);
        expect(Number(refused.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
      }
    } finally {
      app.destroy();
      unreachable.destroy();
      await ownStore.stop();
    }
  });
});
