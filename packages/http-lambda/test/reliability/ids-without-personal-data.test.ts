import { randomUUID } from 'node:crypto';

import { LegacyItemMother } from '@userprofile/testing';

import { anEvent, type Caller } from '../unit/support/api-gateway-event.mother';
import { ADMIN, expectProblem } from '../unit/support/expectations';
import { useStoreApp } from './support/store-app';

const BODY = { email: 'ids.test@example.com', firstName: 'Ada', lastName: 'Lovelace' };
/** A profile the original stack keyed by its owner's email: still served until `pnpm migrate` re-keys it. */
const LEGACY_EMAIL_KEYED = LegacyItemMother.created({ userId: 'legacy.person@example.com' });

describe('profile ids are never personal data (real handlers and repository on dynalite)', () => {
  const running = useStoreApp({ captureLogs: true });
  const app = running.app;

  beforeAll(async () => {
    await app.putRawItem(LEGACY_EMAIL_KEYED);
  });

  it.each(['eve.smith@example.org', 'eve@localhost', '+4915112345678', '4915112345678'])(
    'an administrator creating a profile with id %j gets 400 naming userId, and the id is not echoed',
    async (userId) => {
      // Act
      const response = await app.send(
        anEvent('POST', '/users')
          .by(ADMIN)
          .withJson({ userId, ...BODY })
          .build(),
      );

      // Assess
      const errors = expectProblem(response, 400, 'validation');
      expect(errors).toEqual([{ field: 'userId', message: expect.stringMatching(/email address or a phone number/) }]);
      expect(response.raw.body).not.toContain(userId);
      expect(response.headers['Location']).toBeUndefined();
      expect(await app.rawItem(userId)).toBeUndefined();
    },
  );

  it("accepts a sub-shaped id from an administrator, and a user's own sub", async () => {
    // Prepare
    const adminCreated = randomUUID();
    const owner: Caller = { sub: randomUUID(), email: 'owner.ids@example.com' };

    // Act
    const byAdmin = await app.send(
      anEvent('POST', '/users')
        .by(ADMIN)
        .withJson({ userId: adminCreated, ...BODY })
        .build(),
    );
    const byOwner = await app.send(
      anEvent('POST', '/users')
        .by(owner)
        .withJson({ ...BODY, email: owner.email })
        .build(),
    );

    // Assess
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.headers['Location']).toMatch(new RegExp(`/users/${adminCreated}$`));
    expect(byOwner.status).toBe(201);
    expect(byOwner.body).toMatchObject({ userId: owner.sub });
  });

  it('still reads and changes a legacy profile whose id is an email address', async () => {
    // Prepare
    const path = `/users/${LEGACY_EMAIL_KEYED.userId}`;

    // Act
    const read = await app.send(anEvent('GET', path).by(ADMIN).build());
    const changed = await app.send(
      anEvent('PATCH', path).by(ADMIN).ifMatch(read.headers['ETag']!).withJson({ firstName: 'Grace' }).build(),
    );

    // Assess
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ userId: LEGACY_EMAIL_KEYED.userId });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ userId: LEGACY_EMAIL_KEYED.userId, firstName: 'Grace' });
  });

  it('a list cursor carries only the id it resumes after, and a new id holds no @', async () => {
    // Prepare
    for (let i = 0; i < 2; i += 1) {
      await app.send(
        anEvent('POST', '/users')
          .by(ADMIN)
          .withJson({ userId: randomUUID(), ...BODY })
          .build(),
      );
    }

    // Act
    const page = await app.send(anEvent('GET', '/users').by(ADMIN).withQuery({ limit: '1' }).build());

    // Assess
    const cursor = String(page.body?.nextCursor);
    const resumesAfter = JSON.parse(Buffer.from(cursor.split('.')[0]!, 'base64url').toString('utf8')) as object;
    expect(Object.keys(resumesAfter)).toEqual(['userId']);
    expect(cursor).not.toContain(BODY.email);
  });
});
