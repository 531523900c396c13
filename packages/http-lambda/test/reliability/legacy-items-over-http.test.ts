import { LegacyItemMother } from '@userprofile/testing';

import { anEvent } from '../unit/support/api-gateway-event.mother';
import { ADMIN } from '../unit/support/expectations';
import { useStoreApp } from './support/store-app';

/**
 * Items in the shapes the original stack's Python wrote (shared reference template): uuid4
 * ids, `datetime.utcnow().isoformat()` timestamps, `phoneNumber: ''` by default, fields
 * absent, NULL or of other types, and no `createdAt` on what its upserting update made.
 */
const ORIGINAL = LegacyItemMother.created();
const UPSERTED = {
  userId: '5f0c1e2d-3b4a-4c5d-9e6f-7a8b9c0d1e2f',
  email: 'upsert@example.com',
  updatedAt: '2024-06-02T08:30:00.5',
};
const ODD_TYPES = {
  userId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  email: 'odd@example.com',
  firstName: 42,
  lastName: null,
  phoneNumber: { national: '07700 900123' },
  createdAt: '2024-05-03T12:00:00',
  updatedAt: '2024-05-03T12:00:00',
};
/** No email: nothing to serve; it must not take its list page down. */
const UNREADABLE = { userId: '1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a', firstName: 'NoEmail' };
const LEGACY_IDS = [ORIGINAL, UPSERTED, ODD_TYPES].map((item) => item.userId);

describe('items the original stack wrote, served over HTTP (real repository on dynalite)', () => {
  const running = useStoreApp();
  const app = running.app;

  beforeAll(async () => {
    for (const item of [ORIGINAL, UPSERTED, ODD_TYPES, UNREADABLE]) await app.putRawItem(item);
  });

  it.each(LEGACY_IDS)('GET %s: 200, version 1, a usable ETag, UTC timestamps', async (userId) => {
    // Act
    const response = await app.send(anEvent('GET', `/users/${userId}`).by(ADMIN).build());

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers['ETag']).toBe('"1.legacy"');
    expect(response.body).toMatchObject({ userId, version: 1 });
    expect(String(response.body?.createdAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(String(response.body?.updatedAt)).toMatch(/Z$/);
  });

  it('serves the original shapes as a client can send them back: lower-cased email, no empty phone', async () => {
    // Act
    const original = await app.send(anEvent('GET', `/users/${ORIGINAL.userId}`).by(ADMIN).build());
    const upserted = await app.send(anEvent('GET', `/users/${UPSERTED.userId}`).by(ADMIN).build());

    // Assess
    expect(original.body).toMatchObject({
      email: 'legacy.one@example.com',
      phoneNumber: null,
      createdAt: '2024-05-01T10:00:00.123Z',
    });
    expect(upserted.body).toMatchObject({
      createdAt: '2024-06-02T08:30:00.500Z',
      updatedAt: '2024-06-02T08:30:00.500Z',
    });
  });

  it('lists every readable item: a page holding an unreadable one still answers 200', async () => {
    // Act
    const response = await app.send(anEvent('GET', '/users').by(ADMIN).withQuery({ limit: '10' }).build());

    // Assess
    expect(response.status).toBe(200);
    const ids = (response.body?.items as { userId: string }[]).map((item) => item.userId).sort();
    expect(ids).toEqual([...LEGACY_IDS].sort());
  });

  it('PATCH with the ETag from GET: 200 at version 2, and the item is stored in the current shape', async () => {
    // Prepare
    const read = await app.send(anEvent('GET', `/users/${ODD_TYPES.userId}`).by(ADMIN).build());

    // Act
    const patched = await app.send(
      anEvent('PATCH', `/users/${ODD_TYPES.userId}`)
        .by(ADMIN)
        .ifMatch(read.headers['ETag']!)
        .withJson({ lastName: 'Hopper' })
        .build(),
    );

    // Assess
    expect(patched.status).toBe(200);
    expect(patched.headers['ETag']).toBe('"2.legacy"');
    const stored = JSON.parse((await app.rawItem(ODD_TYPES.userId)) ?? '{}') as Record<string, Record<string, string>>;
    expect(stored).toEqual({
      userId: { S: ODD_TYPES.userId },
      email: { S: 'odd@example.com' },
      firstName: { S: '42' },
      lastName: { S: 'Hopper' },
      createdAt: { S: '2024-05-03T12:00:00.000Z' },
      updatedAt: { S: expect.stringMatching(/Z$/) },
      version: { N: '2' },
      incarnation: { S: 'legacy' },
    });
  });

  it('a bare version from before revisions (If-Match "1") is 412 and changes nothing', async () => {
    // Prepare
    const before = await app.rawItem(UPSERTED.userId);

    // Act
    const response = await app.send(
      anEvent('PATCH', `/users/${UPSERTED.userId}`).by(ADMIN).ifMatch('"1"').withJson({ firstName: 'X' }).build(),
    );

    // Assess
    expect(response.status).toBe(412);
    expect(await app.rawItem(UPSERTED.userId)).toBe(before);
  });

  it('the unreadable item is 404 to a GET, never a 5xx', async () => {
    // Act
    const response = await app.send(anEvent('GET', `/users/${UNREADABLE.userId}`).by(ADMIN).build());

    // Assess
    expect(response.status).toBe(404);
  });
});
