import { fingerprintOf, idempotencyKeyOf } from '../../../src/http/idempotency/idempotency-request';
import { HttpProblem } from '../../../src/http/problem';
import { anEvent } from '../support/api-gateway-event.mother';

const caller = { sub: 'alice', email: 'alice@example.com' };
const patch = (body: unknown, ifMatch?: string, path = '/users/me') => {
  const event = anEvent('PATCH', path).by(caller).withJson(body);
  return (ifMatch ? event.ifMatch(ifMatch) : event).build();
};

describe('Idempotency-Key header', () => {
  it.each([
    ['a UUID', '0b6e5f0e-6f1b-4c47-9d2b-3f1f8e2a7c11'],
    ['one character', 'k'],
    ['255 visible characters', '~'.repeat(255)],
  ])('accepts %s', (_name, key) => {
    expect(idempotencyKeyOf(anEvent('POST', '/users').withHeader('idempotency-key', key).build())).toBe(key);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a space', 'two words'],
    ['a non-ASCII character', 'clé'],
  ])('refuses %s with a 400 naming the header', (_name, key) => {
    // Act
    const read = () => idempotencyKeyOf(anEvent('POST', '/users').withHeader('Idempotency-Key', key).build());

    // Assess
    expect(read).toThrow(HttpProblem);
    try {
      read();
    } catch (error) {
      expect((error as HttpProblem).toDocument()).toMatchObject({
        status: 400,
        errors: [{ field: 'Idempotency-Key', message: expect.any(String) }],
      });
    }
  });

  it('is absent when the request sends none', () => {
    expect(idempotencyKeyOf(anEvent('POST', '/users').build())).toBeUndefined();
  });
});

describe('request fingerprint', () => {
  it('hashes the body as its bytes: the same JSON in another key order or spacing is another request', () => {
    // Prepare
    const compact = patch({ firstName: 'Ada', lastName: 'Lovelace' });
    const spaced = anEvent('PATCH', '/users/me')
      .by(caller)
      .withRawBody('{ "lastName" : "Lovelace",\n "firstName": "Ada" }', 'application/json')
      .build();

    // Act & Assess
    expect(fingerprintOf(spaced)).not.toBe(fingerprintOf(compact));
  });

  it('reads a base64-encoded body as the bytes it encodes', () => {
    // Prepare
    const plain = patch({ firstName: 'Ada' });
    const encoded = anEvent('PATCH', '/users/me').by(caller).withJson({ firstName: 'Ada' }).base64Encoded().build();

    // Act & Assess
    expect(fingerprintOf(encoded)).toBe(fingerprintOf(plain));
  });

  it.each([
    ['the body', patch({ firstName: 'Grace' })],
    ['If-Match', patch({ firstName: 'Ada' }, '"1.abcdefghijklmnop"')],
    ['the path', patch({ firstName: 'Ada' }, undefined, '/users/alice')],
    ['the method', anEvent('PUT', '/users/me').by(caller).withJson({ firstName: 'Ada' }).build()],
  ])('tells requests apart by %s', (_name, other) => {
    expect(fingerprintOf(other)).not.toBe(fingerprintOf(patch({ firstName: 'Ada' })));
  });

  it('holds no part of the body in clear (it is a hash)', () => {
    expect(fingerprintOf(patch({ firstName: 'Ada-Canary' }))).not.toContain('Canary');
  });
});
