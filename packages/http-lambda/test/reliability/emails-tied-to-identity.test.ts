import { TEST_ISSUERS } from '@userprofile/testing';

import { anEvent, type Caller } from '../unit/support/api-gateway-event.mother';
import { useStoreApp } from './support/store-app';

const OWN = 'ada.owner@example.com';
const SOMEONE_ELSES = 'boss@example.com';
const body = (email: string) => ({ email, firstName: 'Ada', lastName: 'Owner' });

describe('emails tied to the caller’s verified email (real repository on dynalite)', () => {
  let sequence = 0;
  const nextUser = (): string => `email-user-${(sequence += 1)}`;

  const running = useStoreApp({ captureLogs: true });
  const app = running.app;

  it.each<[string, Omit<Caller, 'sub'>]>([
    ['someone else’s email than the token’s', { email: OWN }],
    ['an unverified token email', { email: SOMEONE_ELSES, emailVerified: false }],
    ['a token without an email', {}],
  ])(
    'a non-admin creating with %s gets 403 email-not-verified-for-caller and nothing is stored',
    async (_case, claims) => {
      // Prepare
      const sub = nextUser();
      const countBefore = await app.count();

      // Act
      const response = await app.send(
        anEvent('POST', '/users')
          .by({ sub, ...claims })
          .withJson(body(SOMEONE_ELSES))
          .build(),
      );

      // Assess
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({
        type: '/problems/email-not-verified-for-caller',
        errors: [{ field: 'email', message: expect.any(String) }],
      });
      expect(await app.rawItem(sub)).toBeUndefined();
      expect(await app.count()).toBe(countBefore);
    },
  );

  it('a non-admin creates with their verified email in any case or spacing; it is stored normalised', async () => {
    // Act
    const sub = nextUser();
    const response = await app.send(
      anEvent('POST', '/users').by({ sub, email: OWN }).withJson(body(' Ada.OWNER@Example.com ')).build(),
    );

    // Assess
    expect(response.status).toBe(201);
    expect(JSON.parse((await app.rawItem(sub))!)).toMatchObject({ email: { S: OWN } });
  });

  it.each(['PUT', 'PATCH'])(
    '%s: a non-admin changing their email to one not verified for them gets 403, and the item stays byte-identical',
    async (method) => {
      // Prepare
      const sub = nextUser();
      await app.send(anEvent('POST', '/users').by({ sub, email: OWN }).withJson(body(OWN)).build());
      const before = await app.rawItem(sub);

      // Act
      const response = await app.send(
        anEvent(method, `/users/${sub}`)
          .by({ sub, email: OWN })
          .withJson({ email: SOMEONE_ELSES, firstName: 'Eve' })
          .build(),
      );

      // Assess
      expect(response.status).toBe(403);
      expect(response.body?.type).toBe('/problems/email-not-verified-for-caller');
      expect(await app.rawItem(sub)).toBe(before);
    },
  );

  it('a non-admin whose token email is unverified may still change other fields', async () => {
    // Prepare
    const sub = nextUser();
    await app.send(anEvent('POST', '/users').by({ sub, email: OWN }).withJson(body(OWN)).build());

    // Act
    const response = await app.send(
      anEvent('PATCH', `/users/${sub}`)
        .by({ sub, email: OWN, emailVerified: false })
        .withJson({ firstName: 'Augusta' })
        .build(),
    );

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ firstName: 'Augusta', email: OWN });
  });

  it("an admin creates and changes someone else's profile with any email", async () => {
    // Prepare
    const admin: Caller = { sub: 'email-admin', groups: 'admins', issuer: TEST_ISSUERS.admins };
    const sub = nextUser();

    // Act
    const created = await app.send(
      anEvent('POST', '/users')
        .by(admin)
        .withJson({ ...body(SOMEONE_ELSES), userId: sub })
        .build(),
    );
    const changed = await app.send(anEvent('PATCH', `/users/${sub}`).by(admin).withJson({ email: OWN }).build());

    // Assess
    expect([created.status, changed.status]).toEqual([201, 200]);
    expect(changed.body?.email).toBe(OWN);
  });
});
