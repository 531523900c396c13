import { anEvent } from '../../support/api-gateway-event.mother';
import { ADMIN, etagOf, expectProblem, fieldsOf } from '../../support/expectations';
import { TestApp, useTestApp } from '../../support/test-app';

describe('DELETE /users/{userId}', () => {
  const t = useTestApp();

  const remove = (path: string, caller?: { sub: string; groups?: string }, ifMatch?: string) => {
    const event = anEvent('DELETE', path);
    if (caller) event.by(caller);
    if (ifMatch !== undefined) event.ifMatch(ifMatch);
    return t.app.send(event.build());
  };

  it.each([
    ['the owner', '/users/alice', { sub: 'alice' }],
    ['the owner through /users/me', '/users/me', { sub: 'alice' }],
    ['an administrator', '/users/alice', ADMIN],
  ])('204 for %s, and the profile is gone', async (_who, path, caller) => {
    // Prepare
    await t.app.givenProfileOf('alice');

    // Act
    const response = await remove(path, caller);

    // Assess
    expect(response.status).toBe(204);
    expect(response.raw.body).toBe('');
    expect(response.headers['X-Request-Id']).toEqual(expect.any(String));
    expect(t.app.repository.snapshot()).toEqual([]);
  });

  it('honours a matching If-Match', async () => {
    // Prepare
    const alice = await t.app.givenProfileOf('alice');

    // Act
    const response = await remove('/users/alice', { sub: 'alice' }, etagOf(alice));

    // Assess
    expect(response.status).toBe(204);
  });

  it('412 for a stale If-Match, and the profile stays', async () => {
    // Prepare
    const alice = await t.app.givenProfileOf('alice');

    // Act
    const response = await remove('/users/alice', { sub: 'alice' }, etagOf(alice, 2));

    // Assess
    expectProblem(response, 412, 'precondition-failed');
    expect(t.app.repository.snapshot()).toEqual([alice.toPrimitives()]);
  });

  it('400 for a malformed If-Match', async () => {
    // Prepare
    await t.app.givenProfileOf('alice');

    // Act
    const response = await remove('/users/alice', { sub: 'alice' }, 'version-1');

    // Assess
    expect(fieldsOf(expectProblem(response, 400, 'validation'))).toEqual(['If-Match']);
    expect(t.app.repository.snapshot()).toHaveLength(1);
  });

  it('428 without If-Match when the configuration requires it', async () => {
    // Prepare
    t.app = new TestApp({ settings: { requireIfMatch: true } });
    await t.app.givenProfileOf('alice');

    // Act
    const response = await remove('/users/alice', { sub: 'alice' });

    // Assess
    expectProblem(response, 428, 'precondition-required');
    expect(t.app.repository.snapshot()).toHaveLength(1);
  });

  it('404 when there is no such profile', async () => {
    // Act
    const response = await remove('/users/me', { sub: 'alice' });

    // Assess
    expectProblem(response, 404, 'not-found');
  });

  it("403 for a non-admin on someone else's profile", async () => {
    // Prepare
    await t.app.givenProfileOf('bob');

    // Act
    const response = await remove('/users/bob', { sub: 'alice' });

    // Assess
    expectProblem(response, 403, 'forbidden');
    expect(t.app.repository.snapshot()).toHaveLength(1);
  });

  it('401 without claims', async () => {
    // Act
    const response = await remove('/users/alice');

    // Assess
    expectProblem(response, 401, 'unauthorized');
  });
});
