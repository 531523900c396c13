import { anEvent, type Caller } from '../../support/api-gateway-event.mother';
import { TestApp, useTestApp } from '../../support/test-app';
import { ADMIN, etagOf, expectProblem, fieldsOf, shown } from '../../support/expectations';

describe.each(['PUT', 'PATCH'])('%s /users/{userId}', (method) => {
  const t = useTestApp();

  const update = (path: string, body: unknown, caller: Caller = { sub: 'alice' }, ifMatch?: string) => {
    const event = anEvent(method, path).by(caller).withJson(body);
    if (ifMatch !== undefined) event.ifMatch(ifMatch);
    return t.app.send(event.build());
  };

  describe('success', () => {
    it('changes only the given fields, one version up, with the new ETag', async () => {
      // Prepare
      const profile = await t.app.givenProfileOf('alice', { phoneNumber: '+447700900123' });
      const before = shown(profile);
      t.app.clock.advance(60_000);

      // Act
      const response = await update('/users/alice', { firstName: '  Augusta ' });

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers['ETag']).toBe(etagOf(profile, 2));
      expect(response.body).toEqual({
        ...before,
        firstName: 'Augusta',
        version: 2,
        updatedAt: '2026-11-24T10:01:00.000Z',
      });
      expect(t.app.repository.snapshot()).toEqual([{ ...response.body, incarnation: profile.revision.incarnation }]);
    });

    it('clears the phone number with null', async () => {
      // Prepare
      await t.app.givenProfileOf('alice', { phoneNumber: '+447700900123' });

      // Act
      const response = await update('/users/me', { phoneNumber: null });

      // Assess
      expect(response.status).toBe(200);
      expect(response.body?.phoneNumber).toBeNull();
    });

    it("lets an administrator change someone else's profile", async () => {
      // Prepare
      await t.app.givenProfileOf('bob');

      // Act
      const response = await update('/users/bob', { lastName: 'Hopper' }, ADMIN);

      // Assess
      expect(response.status).toBe(200);
      expect(response.body?.lastName).toBe('Hopper');
    });

    it.each(['"%s"', 'W/"%s"', '*'])('honours If-Match %s (%s: the ETag read) when it matches', async (ifMatch) => {
      // Prepare
      const profile = await t.app.givenProfileOf('alice');

      // Act
      const response = await update(
        '/users/alice',
        { lastName: 'Byron' },
        { sub: 'alice' },
        ifMatch.replace('"%s"', etagOf(profile)),
      );

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers['ETag']).toBe(etagOf(profile, 2));
    });

    it('accepts If-Match when the configuration requires it', async () => {
      // Prepare
      t.app = new TestApp({ settings: { requireIfMatch: true } });
      const profile = await t.app.givenProfileOf('alice');

      // Act
      const response = await update('/users/alice', { lastName: 'Byron' }, { sub: 'alice' }, etagOf(profile));

      // Assess
      expect(response.status).toBe(200);
    });
  });

  describe('preconditions', () => {
    it.each(['"5"', '"abc"', 'W/"2"', '"1"', '"1.zzzzzzzzzzzzzzzz"'])(
      '412 for a stale, foreign or other-incarnation If-Match %s, changing nothing',
      async (ifMatch) => {
        // Prepare
        const before = await t.app.givenProfileOf('alice');

        // Act
        const response = await update('/users/alice', { lastName: 'Byron' }, { sub: 'alice' }, ifMatch);

        // Assess
        expectProblem(response, 412, 'precondition-failed');
        expect(t.app.repository.snapshot()).toEqual([before.toPrimitives()]);
      },
    );

    it.each(['1', '"1', '"1", "2"', 'W/1'])('400 for a malformed If-Match %s', async (ifMatch) => {
      // Prepare
      const before = await t.app.givenProfileOf('alice');

      // Act
      const response = await update('/users/alice', { lastName: 'Byron' }, { sub: 'alice' }, ifMatch);

      // Assess
      expect(fieldsOf(expectProblem(response, 400, 'validation'))).toEqual(['If-Match']);
      expect(t.app.repository.snapshot()).toEqual([before.toPrimitives()]);
    });

    it('428 without If-Match when the configuration requires it', async () => {
      // Prepare
      t.app = new TestApp({ settings: { requireIfMatch: true } });
      const before = await t.app.givenProfileOf('alice');

      // Act
      const response = await update('/users/alice', { lastName: 'Byron' });

      // Assess
      expectProblem(response, 428, 'precondition-required');
      expect(t.app.repository.snapshot()).toEqual([before.toPrimitives()]);
    });
  });

  describe('refusals', () => {
    it('404 for a missing profile, and never creates one', async () => {
      // Act
      const response = await update('/users/me', { firstName: 'Ada' });

      // Assess
      expectProblem(response, 404, 'not-found');
      expect(t.app.repository.snapshot()).toEqual([]);
    });

    it("403 for a non-admin on someone else's profile", async () => {
      // Prepare
      const bob = await t.app.givenProfileOf('bob');

      // Act
      const response = await update('/users/bob', { firstName: 'Mallory' });

      // Assess
      expectProblem(response, 403, 'forbidden');
      expect(t.app.repository.snapshot()).toEqual([bob.toPrimitives()]);
    });

    it('403 email-not-verified-for-caller for a non-admin setting an email that is not their verified one', async () => {
      // Prepare
      const profile = await t.app.givenProfileOf('alice');
      const alice: Caller = { sub: 'alice', email: 'alice@example.com' };

      // Act
      const other = await update('/users/alice', { email: 'eve@example.com' }, alice);
      const unverified = await update(
        '/users/alice',
        { email: 'alice@example.com' },
        { ...alice, emailVerified: false },
      );
      const stored = t.app.repository.snapshot();
      const own = await update('/users/alice', { email: 'Alice@Example.com' }, alice);

      // Assess
      expect(fieldsOf(expectProblem(other, 403, 'email-not-verified-for-caller'))).toEqual(['email']);
      expectProblem(unverified, 403, 'email-not-verified-for-caller');
      expect(stored).toEqual([profile.toPrimitives()]);
      expect(own.status).toBe(200);
      expect(own.body?.email).toBe('alice@example.com');
    });

    it('401 without claims', async () => {
      // Act
      const response = await t.app.send(anEvent(method, '/users/alice').withJson({ firstName: 'A' }).build());

      // Assess
      expectProblem(response, 401, 'unauthorized');
    });

    it('400 for an empty change set', async () => {
      // Prepare
      await t.app.givenProfileOf('alice');

      // Act
      const response = await update('/users/alice', {});

      // Assess
      expect(expectProblem(response, 400, 'validation')).toEqual([]);
    });

    it('400 for fields that only the service sets, named by position', async () => {
      // Prepare
      await t.app.givenProfileOf('alice');

      // Act
      const response = await update('/users/alice', { firstName: 'Ada', userId: 'bob', version: 9, updatedAt: 'x' });

      // Assess
      // Fields 2 to 4 as sent (userId, version, updatedAt): unknown names are shown by position only.
      expect(fieldsOf(expectProblem(response, 400, 'validation'))).toEqual(['#2', '#3', '#4']);
    });

    it('400 for null where only phoneNumber may be null, and for broken rules', async () => {
      // Prepare
      await t.app.givenProfileOf('alice');

      // Act
      const nulls = await update('/users/alice', { email: null, firstName: null });
      const rules = await update('/users/alice', { email: 'nope', phoneNumber: '+0123' });

      // Assess
      expect(fieldsOf(expectProblem(nulls, 400, 'validation'))).toEqual(['email', 'firstName']);
      expect(fieldsOf(expectProblem(rules, 400, 'validation'))).toEqual(['email', 'phoneNumber']);
    });

    it('400 for malformed JSON and 415 for a non-JSON body', async () => {
      // Prepare
      await t.app.givenProfileOf('alice');

      // Act
      const malformed = await t.app.send(
        anEvent(method, '/users/alice').by({ sub: 'alice' }).withRawBody('{', 'application/json').build(),
      );
      const text = await t.app.send(
        anEvent(method, '/users/alice').by({ sub: 'alice' }).withRawBody('firstName=A', 'text/plain').build(),
      );

      // Assess
      expectProblem(malformed, 400, 'validation');
      expectProblem(text, 415, 'unsupported-media-type');
    });

    it('413 for a body over 16 KiB', async () => {
      // Prepare
      await t.app.givenProfileOf('alice');

      // Act
      const response = await update('/users/alice', { firstName: 'x'.repeat(17_000) });

      // Assess
      expectProblem(response, 413, 'payload-too-large');
    });
  });
});
