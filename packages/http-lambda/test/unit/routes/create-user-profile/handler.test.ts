import { ADA } from '@userprofile/testing';

import { anEvent, type Caller } from '../../support/api-gateway-event.mother';
import { useTestApp } from '../../support/test-app';
import { ADMIN, expectProblem, fieldsOf } from '../../support/expectations';

/** Alice's token carries the verified email her profile uses, as a non-admin's must. */
const ALICE = { sub: 'alice', email: 'ada@example.com' };
const validBody = ADA.typed;

describe('POST /users', () => {
  const t = useTestApp();

  const post = (body: unknown, caller: Caller = ALICE) =>
    t.app.send(anEvent('POST', '/users').by(caller).withJson(body).build());
  /** Alice's POST of `raw` as it is, with `contentType` (no Content-Type header without it). */
  const postRaw = (raw: string, contentType?: string) =>
    t.app.send(anEvent('POST', '/users').by(ALICE).withRawBody(raw, contentType).build());

  describe('success', () => {
    it("creates the caller's own profile: 201, Location, ETag and the stored profile", async () => {
      // Act
      const response = await post(validBody);

      // Assess
      expect(response.status).toBe(201);
      // The event's stage is `test`: Location goes through it, as a client must request it.
      expect(response.headers['Location']).toBe('/test/users/alice');
      const [stored] = t.app.repository.snapshot();
      expect(stored?.incarnation).toMatch(/^[a-z0-9]{16}$/);
      expect(response.headers['ETag']).toBe(`"1.${stored?.incarnation}"`);
      expect(response.headers['Content-Type']).toBe('application/json');
      expect(response.body).toEqual(ADA.kept);
      expect(stored).toEqual({ ...response.body, incarnation: stored?.incarnation });
    });

    it.each([
      ['absent', {}],
      ['null', { phoneNumber: null }],
    ])('accepts a phone number that is %s', async (_case, phone) => {
      // Act
      const response = await post({ email: 'ada@example.com', firstName: 'Ada', lastName: 'L', ...phone });

      // Assess
      expect(response.status).toBe(201);
      expect(response.body?.phoneNumber).toBeNull();
    });

    it('lets a non-admin name their own userId', async () => {
      // Act
      const response = await post({ ...validBody, userId: 'alice' });

      // Assess
      expect(response.status).toBe(201);
    });

    it("lets an administrator create someone else's profile", async () => {
      // Act
      const response = await post({ ...validBody, userId: 'bob' }, ADMIN);

      // Assess
      expect(response.status).toBe(201);
      expect(response.headers['Location']).toBe('/test/users/bob');
      expect(response.body?.userId).toBe('bob');
    });

    it.each([
      'application/json; charset=utf-8',
      'application/json;charset=UTF-8',
      'application/merge-patch+json',
      'Application/JSON',
    ])('accepts Content-Type %s', async (contentType) => {
      // Act
      const response = await postRaw(JSON.stringify(validBody), contentType);

      // Assess
      expect(response.status).toBe(201);
    });

    it('reads a base64-encoded body, measuring its decoded size', async () => {
      // Prepare: 13 KB of JSON whitespace is 17 KB once base64-encoded
      const body = `${JSON.stringify(validBody)}${' '.repeat(13_000)}`;

      // Act
      const response = await t.app.send(
        anEvent('POST', '/users').by(ALICE).withRawBody(body, 'application/json').base64Encoded().build(),
      );

      // Assess
      expect(response.status).toBe(201);
    });
  });

  describe('refusals', () => {
    it.each<[string, Caller]>([
      ['an email that is not the one of their token', { sub: 'alice', email: 'alice@example.com' }],
      ['a token email that is not verified', { sub: 'alice', email: 'ada@example.com', emailVerified: false }],
      ['a token without an email', { sub: 'alice' }],
    ])('403 email-not-verified-for-caller for a non-admin with %s, and stores nothing', async (_case, caller) => {
      // Act
      const response = await post(validBody, caller);

      // Assess
      expect(fieldsOf(expectProblem(response, 403, 'email-not-verified-for-caller'))).toEqual(['email']);
      expect(t.app.repository.snapshot()).toEqual([]);
    });

    it("lets an admin create someone else's profile with any email", async () => {
      // Act
      const response = await post({ ...validBody, userId: 'bob' }, ADMIN);

      // Assess
      expect(response.status).toBe(201);
    });

    it('403 for a non-admin creating a profile with another userId, and stores nothing', async () => {
      // Act
      const response = await post({ ...validBody, userId: 'bob' });

      // Assess
      expectProblem(response, 403, 'forbidden');
      expect(t.app.repository.snapshot()).toEqual([]);
    });

    it('409 when the profile already exists, leaving it as it was', async () => {
      // Prepare
      const existing = await t.app.givenProfileOf('alice');

      // Act
      const response = await post(validBody);

      // Assess
      expectProblem(response, 409, 'conflict');
      expect(t.app.repository.snapshot()).toEqual([existing.toPrimitives()]);
    });

    it('401 without claims, and without a sub', async () => {
      // Act
      const none = await t.app.send(anEvent('POST', '/users').withJson(validBody).build());
      const noSub = await t.app.send(
        anEvent('POST', '/users').withClaims({ email: 'a@x.io' }).withJson(validBody).build(),
      );

      // Assess
      expectProblem(none, 401, 'unauthorized');
      expectProblem(noSub, 401, 'unauthorized');
    });
  });

  describe('400 validation', () => {
    it.each([
      ['malformed JSON', '{"email": "ada@example.com",'],
      ['a JSON array', '[1, 2]'],
      ['JSON null', 'null'],
      ['a JSON string', '"hello"'],
      ['an empty body', ''],
    ])('refuses %s', async (_case, raw) => {
      // Act
      const response = await postRaw(raw, 'application/json');

      // Assess
      expectProblem(response, 400, 'validation');
      expect(t.app.repository.snapshot()).toEqual([]);
    });

    it('lists every unknown field by position, service-set ones and prototype keys included, and stores nothing', async () => {
      // Prepare
      const raw = `{"email":"ada@example.com","firstName":"Ada","lastName":"L","__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}},"version":7,"createdAt":"2000-01-01T00:00:00.000Z","isAdmin":true}`;

      // Act
      const response = await postRaw(raw, 'application/json');

      // Assess
      const errors = expectProblem(response, 400, 'validation');
      // Fields 4 to 8 as sent: __proto__, constructor, version, createdAt, isAdmin.
      expect(fieldsOf(errors)).toEqual(['#4', '#5', '#6', '#7', '#8']);
      expect(response.body?.detail).toContain('5 unknown fields');
      expect(t.app.repository.snapshot()).toEqual([]);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('names each missing required field', async () => {
      // Act
      const response = await post({ phoneNumber: '+447700900123' });

      // Assess
      const errors = expectProblem(response, 400, 'validation');
      expect(errors).toEqual(
        expect.arrayContaining([
          { field: 'email', message: 'is required' },
          { field: 'firstName', message: 'is required' },
          { field: 'lastName', message: 'is required' },
        ]),
      );
    });

    it('refuses values of the wrong type without converting them', async () => {
      // Act
      const response = await post({
        email: 42,
        firstName: ['Ada'],
        lastName: 'L',
        phoneNumber: 447700900123,
        userId: 7,
      });

      // Assess
      const errors = expectProblem(response, 400, 'validation');
      expect(fieldsOf(errors)).toEqual(['email', 'firstName', 'phoneNumber', 'userId']);
    });

    it('reports every broken domain rule as a field error', async () => {
      // Act
      const response = await post({
        email: 'not-an-email',
        firstName: '   ',
        lastName: 'Lovelace',
        phoneNumber: '07700900123',
      });

      // Assess
      const errors = expectProblem(response, 400, 'validation');
      expect(fieldsOf(errors)).toEqual(['email', 'firstName', 'phoneNumber']);
      expect(errors.find((e) => e.field === 'phoneNumber')?.message).toContain('E.164');
    });

    it('refuses "me" as a userId', async () => {
      // Act
      const response = await post({ ...validBody, userId: 'me' }, ADMIN);

      // Assess
      expect(fieldsOf(expectProblem(response, 400, 'validation'))).toEqual(['userId']);
    });
  });

  describe('413 and 415', () => {
    it('413 for a body over 16 KiB', async () => {
      // Act
      const response = await post({ ...validBody, padding: 'x'.repeat(16 * 1024) });

      // Assess
      expectProblem(response, 413, 'payload-too-large');
    });

    it('413 counts bytes, not characters', async () => {
      // Prepare: 9,000 characters, 18,000 bytes in UTF-8
      const body = { ...validBody, firstName: 'é'.repeat(9_000) };

      // Act
      const response = await post(body);

      // Assess
      expectProblem(response, 413, 'payload-too-large');
    });

    it('413 for a base64 body whose decoded size is over 16 KiB', async () => {
      // Act
      const response = await t.app.send(
        anEvent('POST', '/users')
          .by(ALICE)
          .withRawBody(`${JSON.stringify(validBody)}${' '.repeat(17_000)}`, 'application/json')
          .base64Encoded()
          .build(),
      );

      // Assess
      expectProblem(response, 413, 'payload-too-large');
    });

    it.each([
      ['text/plain', 'text/plain'],
      ['form data', 'application/x-www-form-urlencoded'],
      ['a non-UTF-8 charset', 'application/json; charset=iso-8859-1'],
      ['a lookalike type', 'application/jsonp'],
    ])('415 for %s', async (_case, contentType) => {
      // Act
      const response = await postRaw(JSON.stringify(validBody), contentType);

      // Assess
      expectProblem(response, 415, 'unsupported-media-type');
      expect(t.app.repository.snapshot()).toEqual([]);
    });

    it('415 for a body without Content-Type', async () => {
      // Act
      const response = await postRaw(JSON.stringify(validBody));

      // Assess
      expectProblem(response, 415, 'unsupported-media-type');
    });
  });
});
