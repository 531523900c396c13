import { InMemoryIdempotencyStore } from '@userprofile/testing';

import { MAX_BODY_BYTES } from '../../src/contract/service';
import { anEvent, type Caller } from '../unit/support/api-gateway-event.mother';
import { expectProblem } from '../unit/support/expectations';
import { TestApp, useTestApp } from '../unit/support/test-app';

/** A value a client sent; no answer may repeat it. */
const SENT = 'sent-value-9f2c';
const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** An array `depth` deep, as JSON text, with the sent value at its bottom. */
const deepArray = (depth: number): string => `${'['.repeat(depth)}"${SENT}"${']'.repeat(depth)}`;

/** JSON texts of structured values, each named for the test title. */
const STRUCTURED: readonly { readonly name: string; readonly json: string }[] = [
  { name: '{"constructor":1}', json: '{"constructor":1}' },
  ...PROTOTYPE_KEYS.map((key) => ({ name: `an object keyed ${key}`, json: `{"${key}":"${SENT}"}` })),
  { name: 'an array', json: `["${SENT}"]` },
  { name: 'an empty object', json: '{}' },
  { name: 'an array 2,500 deep', json: deepArray(2_500) },
  // As deep as a body of exactly the limit allows (the rest of the body takes ~120 bytes).
  { name: 'an array as deep as the body limit allows', json: deepArray((MAX_BODY_BYTES - 160) / 2) },
];

const ALICE: Caller = { sub: 'alice', email: 'alice@example.com' };

/** Each route that takes a body, a valid body for it, and its declared fields. */
const ROUTES = [
  {
    method: 'POST',
    path: '/users',
    body: { userId: 'alice', email: 'alice@example.com', firstName: 'Ada', lastName: 'Lovelace', phoneNumber: null },
  },
  {
    method: 'PATCH',
    path: '/users/me',
    body: { email: 'alice@example.com', firstName: 'Ada', lastName: 'L', phoneNumber: null },
  },
  {
    method: 'PUT',
    path: '/users/me',
    body: { email: 'alice@example.com', firstName: 'Ada', lastName: 'L', phoneNumber: null },
  },
  // As a non-admin: the body is refused before the search is.
  { method: 'POST', path: '/users/search', body: { email: 'alice@example.com', limit: 5, cursor: 'c' } },
] as const;

const CASES = ROUTES.flatMap(({ method, path, body }) =>
  Object.keys(body).flatMap((field) =>
    STRUCTURED.map(({ name, json }) => ({
      route: `${method} ${path}`,
      method,
      path,
      field,
      value: name,
      // The valid body with this one field holding the structured value, as raw JSON text.
      text: JSON.stringify({ ...body, [field]: '\u0000' }).replace('"\\u0000"', json),
    })),
  ),
);

/** A V8 stack frame, as an ERROR line with a stack would hold it. */
const STACK_FRAME = /\bat (?:[^\s()]+ )?\(?[^\s()]*:\d+:\d+\)?/;

describe('a JSON object or array in a field that takes a string or a number', () => {
  const t = useTestApp();

  beforeEach(async () => {
    await t.app.givenProfileOf('alice', { email: 'alice@example.com' });
  });

  it.each(CASES)(
    '$route: $value in $field is a 400 naming $field, never a 500',
    async ({ method, path, field, text }) => {
      // Prepare
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_BODY_BYTES);
      const event = anEvent(method, path).by(ALICE).withRawBody(text, 'application/json').build();

      // Act
      const response = await t.app.send(event);

      // Assess
      const errors = expectProblem(response, 400, 'validation');
      expect(errors).toContainEqual({ field, message: expect.any(String) });
      expect(response.raw.body).not.toContain(SENT);
      const lines = t.logs.lines();
      expect(lines.filter((line) => /"level":"(ERROR|CRITICAL)"/.test(line) || STACK_FRAME.test(line))).toEqual([]);
      expect(lines.join('\n')).not.toContain(SENT);
    },
  );

  it('names every structured field at once, and keeps the valid profile unchanged', async () => {
    // Prepare
    const before = t.app.repository.snapshot();
    const event = anEvent('PATCH', '/users/me')
      .by(ALICE)
      .withRawBody(
        `{"firstName":["${SENT}"],"lastName":{"constructor":1},"email":"alice@example.com"}`,
        'application/json',
      )
      .build();

    // Act
    const response = await t.app.send(event);

    // Assess
    const errors = expectProblem(response, 400, 'validation');
    expect(errors.map((error) => error.field).sort()).toEqual(['firstName', 'lastName']);
    expect(t.app.repository.snapshot()).toEqual(before);
  });
});

describe('an Idempotency-Key write refused for its size or content type', () => {
  useTestApp();

  /** Counts the idempotency store's claims: a refused request must make none. */
  const countingStore = () => {
    const store = new InMemoryIdempotencyStore();
    const claims = { count: 0 };
    const claim = store.claim.bind(store);
    store.claim = (...args) => {
      claims.count += 1;
      return claim(...args);
    };
    return { store, claims };
  };

  it.each([
    {
      body: 'a body of 5.2 MB',
      status: 413,
      kind: 'payload-too-large',
      bytes: 5_200_000,
      contentType: 'application/json',
    },
    {
      body: 'a body one byte over the limit',
      status: 413,
      kind: 'payload-too-large',
      bytes: MAX_BODY_BYTES + 1,
      contentType: 'application/json',
    },
    { body: 'a text/plain body', status: 415, kind: 'unsupported-media-type', bytes: 64, contentType: 'text/plain' },
  ])('$body: $status, and the idempotency store saw no claim', async ({ status, kind, bytes, contentType }) => {
    // Prepare
    const { store, claims } = countingStore();
    const app = new TestApp({ idempotencyStore: store });
    const head = '{"email":"alice@example.com","firstName":"Ada","lastName":"';
    const text = `${head}${'x'.repeat(bytes - head.length - 2)}"}`;
    const event = anEvent('POST', '/users')
      .by(ALICE)
      .withHeader('Idempotency-Key', 'k-oversize')
      .withRawBody(text, contentType)
      .build();

    // Act
    const response = await app.send(event);

    // Assess
    expectProblem(response, status, kind);
    expect(claims.count).toBe(0);
    expect(app.repository.snapshot()).toEqual([]);
  });
});
