import { UserProfile } from '@userprofile/domain';
import { UserProfileMother } from '@userprofile/testing';

import { anEvent } from '../../support/api-gateway-event.mother';
import { ADMIN, etagOf, expectProblem, shown } from '../../support/expectations';
import { useTestApp } from '../../support/test-app';

describe('GET /users/{userId}', () => {
  const t = useTestApp();

  it('returns the owner their profile with its ETag', async () => {
    // Prepare
    const profile = await t.app.givenProfileOf('alice');

    // Act
    const response = await t.app.send(anEvent('GET', '/users/alice').by({ sub: 'alice' }).build());

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers['ETag']).toBe(etagOf(profile));
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(response.body).toEqual(shown(profile));
  });

  it('serves /users/me as the caller', async () => {
    // Prepare
    const profile = await t.app.givenProfileOf('alice');

    // Act
    const response = await t.app.send(anEvent('GET', '/users/me').by({ sub: 'alice' }).build());

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual(shown(profile));
  });

  it("returns anyone's profile to an administrator", async () => {
    // Prepare
    await t.app.givenProfileOf('bob');

    // Act
    const response = await t.app.send(anEvent('GET', '/users/bob').by(ADMIN).build());

    // Assess
    expect(response.status).toBe(200);
    expect(response.body?.userId).toBe('bob');
  });

  it('decodes a percent-encoded user id in the path', async () => {
    // Prepare
    // A legacy id of the original stack: no new profile may have an `@` in its id.
    const stored = UserProfileMother.create({ email: 'bob@corp.example.com' }).toPrimitives();
    await t.app.given(UserProfile.fromPrimitives({ ...stored, userId: 'bob@corp' }));

    // Act
    const response = await t.app.send(anEvent('GET', '/users/bob%40corp').by(ADMIN).build());

    // Assess
    expect(response.status).toBe(200);
  });

  it("refuses someone else's profile to a non-admin, whether it exists or not (403)", async () => {
    // Prepare
    await t.app.givenProfileOf('bob');

    // Act
    const existing = await t.app.send(anEvent('GET', '/users/bob').by({ sub: 'alice' }).build());
    const missing = await t.app.send(anEvent('GET', '/users/nobody').by({ sub: 'alice' }).build());

    // Assess
    expectProblem(existing, 403, 'forbidden');
    expectProblem(missing, 403, 'forbidden');
  });

  it('answers 404 when there is no such profile', async () => {
    // Act
    const other = await t.app.send(anEvent('GET', '/users/nobody').by(ADMIN).build());
    const mine = await t.app.send(anEvent('GET', '/users/me').by({ sub: 'alice' }).build());

    // Assess
    expectProblem(other, 404, 'not-found');
    expectProblem(mine, 404, 'not-found');
  });

  it('answers 401 without verified claims', async () => {
    // Act
    const response = await t.app.send(anEvent('GET', '/users/alice').build());

    // Assess
    expectProblem(response, 401, 'unauthorized');
  });
});
