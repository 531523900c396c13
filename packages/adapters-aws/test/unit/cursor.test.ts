import fc from 'fast-check';

import { CursorCodec } from '../../src/dynamodb/cursor';

describe('CursorCodec', () => {
  const codec = new CursorCodec('signing-key');

  it('gives back the key it encoded, for any user id', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 128, unit: 'binary' }), (userId) => {
        expect(codec.decode(codec.encode({ userId }))).toEqual({ userId });
      }),
    );
  });

  it('refuses every cursor in which one character was changed', () => {
    const cursor = codec.encode({ userId: 'user-000123-abcdef' });
    fc.assert(
      fc.property(
        fc.nat({ max: cursor.length - 1 }),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/'),
        (index, replacement) => {
          fc.pre(cursor[index] !== replacement);
          const altered = cursor.slice(0, index) + replacement + cursor.slice(index + 1);
          expect(codec.decode(altered)).toBeUndefined();
        },
      ),
    );
  });

  it('refuses a cursor signed with another key', () => {
    const foreign = new CursorCodec('another-key').encode({ userId: 'u1' });
    expect(codec.decode(foreign)).toBeUndefined();
  });

  it('refuses a correctly signed payload that is not exactly a table key', () => {
    // Prepare: sign arbitrary payloads the way the codec would, to prove the shape check.
    const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const sign = (payload: string) => {
      const bytes = Buffer.from(payload, 'utf8');
      const mac = createHmac('sha256', 'signing-key').update('userprofile/list-cursor/v1\n').update(bytes).digest();
      return `${bytes.toString('base64url')}.${mac.toString('base64url')}`;
    };
    expect(codec.decode(sign('{"userId":"u1"}'))).toEqual({ userId: 'u1' });

    // Act + Assess
    for (const payload of ['{"userId":"u1","email":"a@b.c"}', '{"userId":1}', '{"userId":""}', '["u1"]', 'null', '{']) {
      expect(codec.decode(sign(payload))).toBeUndefined();
    }
  });

  it.each(['', '.', 'abc', 'abc.def.ghi', 'eyJ1c2VySWQiOiJ4In0', '%%%.%%%'])('refuses %p', (cursor) => {
    expect(codec.decode(cursor)).toBeUndefined();
  });

  describe('scoped to one walk (an email lookup)', () => {
    it('gives back the key for the same scope only: not for another scope, nor unscoped', () => {
      const cursor = codec.encode({ userId: 'u1' }, 'email:ada@example.com');

      expect(codec.decode(cursor, 'email:ada@example.com')).toEqual({ userId: 'u1' });
      expect(codec.decode(cursor, 'email:bob@example.com')).toBeUndefined();
      expect(codec.decode(cursor)).toBeUndefined();
      expect(codec.decode(codec.encode({ userId: 'u1' }), 'email:ada@example.com')).toBeUndefined();
    });

    it('never carries its scope', () => {
      const cursor = codec.encode({ userId: 'u1' }, 'email:ada@example.com');
      const decoded = cursor.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1'));
      expect([cursor, ...decoded].join(' ')).not.toContain('ada');
    });
  });

  it('refuses to be made without a key', () => {
    expect(() => new CursorCodec('')).toThrow('signing key');
  });
});

describe('CursorCodec during a key rotation', () => {
  const OLD = 'o'.repeat(64);
  const NEW = 'n'.repeat(64);
  const beforeRotation = new CursorCodec({ current: OLD });
  const duringRotation = new CursorCodec({ current: NEW, previous: OLD });
  const afterRotation = new CursorCodec({ current: NEW });

  it('still accepts cursors signed with the previous key, for the walk they were issued for', () => {
    // Prepare
    const issued = beforeRotation.encode({ userId: 'user-1' });
    const scoped = beforeRotation.encode({ userId: 'user-1' }, 'email:a@example.com');

    // Act / Assess
    expect(duringRotation.decode(issued)).toEqual({ userId: 'user-1' });
    expect(duringRotation.decode(scoped, 'email:a@example.com')).toEqual({ userId: 'user-1' });
    expect(duringRotation.decode(scoped, 'email:b@example.com')).toBeUndefined();
  });

  it('signs new cursors with the current key only', () => {
    // Act
    const issued = duringRotation.encode({ userId: 'user-2' });

    // Assess
    expect(afterRotation.decode(issued)).toEqual({ userId: 'user-2' });
    expect(beforeRotation.decode(issued)).toBeUndefined();
  });

  it('refuses cursors signed with a key it no longer holds', () => {
    expect(afterRotation.decode(beforeRotation.encode({ userId: 'user-3' }))).toBeUndefined();
  });
});
