import { randomUUID } from 'node:crypto';

import { startHarness, type LocalServerHarness } from './support/local-server-harness';

/* Issue 32: an administrator may no longer create a profile whose id is an email address (it
   would sit in the URL, the list cursor and the change event); a sub-shaped id is still fine. */

const body = { email: 'ids.local@example.com', firstName: 'Ada', lastName: 'Lovelace' };

describe('new profile ids on the local server (real HTTP)', () => {
  let harness: LocalServerHarness;

  beforeAll(async () => {
    harness = await startHarness({ inMemory: true });
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('an @ in a new id gets 400 problem+json naming userId, without the id, and nothing is created', async () => {
    // Prepare
    const admin = await harness.tokenFor('local-ids-admin', { admin: true });

    // Act
    const refused = await harness.call('POST', '/users', {
      token: admin,
      body: { userId: 'eve.smith@example.org', ...body },
    });
    const text = await refused.text();
    const read = await harness.call('GET', `/users/${encodeURIComponent('eve.smith@example.org')}`, { token: admin });

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect((JSON.parse(text) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['userId']);
    expect(text).not.toContain('eve.smith');
    expect(refused.headers.get('location')).toBeNull();
    expect(read.status).toBe(404);
  });

  it('a sub-shaped id from an administrator is created at /users/{sub}', async () => {
    // Prepare
    const admin = await harness.tokenFor('local-ids-admin', { admin: true });
    const sub = randomUUID();

    // Act
    const created = await harness.call('POST', '/users', { token: admin, body: { userId: sub, ...body } });

    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(new RegExp(`/users/${sub}$`));
  });
});
