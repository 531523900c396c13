import { TEST_ISSUERS } from '@userprofile/testing';

import { anEvent, type Caller } from '../unit/support/api-gateway-event.mother';
import { useStoreApp } from './support/store-app';

const ADMIN: Caller = { sub: 'text-admin', groups: 'admins', issuer: TEST_ISSUERS.admins };
const OWNER: Caller = { sub: 'text-owner', email: 'text.owner@example.com' };
const valid = { email: 'text.owner@example.com', firstName: 'Ada', lastName: 'Lovelace', phoneNumber: '+447700900123' };

/** Invisible, direction-changing or broken text: it looks like (or hides inside) a real value. */
const NOT_PLAIN: ReadonlyArray<[string, string]> = [
  ['RIGHT-TO-LEFT OVERRIDE', '\u202E'],
  ['LEFT-TO-RIGHT ISOLATE', '\u2066'],
  ['ZERO WIDTH SPACE', '\u200B'],
  ['ZERO WIDTH JOINER', '\u200D'],
  ['BYTE ORDER MARK', '\uFEFF'],
  ['a lone high surrogate', '\uD83D'],
  ['a lone low surrogate', '\uDE00'],
];

const FIELDS = ['email', 'firstName', 'lastName', 'phoneNumber'] as const;
/** The character inside the value (not at its edge, where trimming could hide it). */
const spoiled = (value: string, character: string): string => `${value.slice(0, 2)}${character}${value.slice(2)}`;

describe('text fields refuse invisible and malformed characters (real repository on dynalite)', () => {
  const running = useStoreApp({ captureLogs: true });
  const app = running.app;

  beforeAll(async () => {
    const created = await app.send(anEvent('POST', '/users').by(OWNER).withJson(valid).build());
    expect(created.status).toBe(201);
  });

  const cases = FIELDS.flatMap((field) => NOT_PLAIN.map(([name, character]) => ({ field, name, character })));

  it.each(cases)(
    'POST: $name in $field is a 400 naming $field, and nothing is stored',
    async ({ field, character }) => {
      // Prepare
      const countBefore = await app.count();

      // Act
      const response = await app.send(
        anEvent('POST', '/users')
          .by(ADMIN)
          .withJson({ ...valid, userId: 'text-newcomer', [field]: spoiled(valid[field], character) })
          .build(),
      );

      // Assess
      expect(response.status).toBe(400);
      expect(response.body?.type).toBe('/problems/validation');
      expect(response.body?.errors).toEqual([{ field, message: expect.stringContaining('invisible') }]);
      expect(await app.count()).toBe(countBefore);
    },
  );

  it.each(cases)(
    'PATCH: $name in $field is a 400 naming $field, and the item stays byte-identical',
    async ({ field, character }) => {
      // Prepare
      const before = await app.rawItem(OWNER.sub);

      // Act
      const response = await app.send(
        anEvent('PATCH', `/users/${OWNER.sub}`)
          .by(OWNER)
          .withJson({ [field]: spoiled(valid[field], character) })
          .build(),
      );

      // Assess
      expect(response.status).toBe(400);
      expect(response.body?.errors).toEqual([{ field, message: expect.stringContaining('invisible') }]);
      expect(await app.rawItem(OWNER.sub)).toBe(before);
    },
  );

  it.each(NOT_PLAIN)('POST: %s in an admin-given userId is a 400 naming userId', async (_name, character) => {
    // Act
    const response = await app.send(
      anEvent('POST', '/users')
        .by(ADMIN)
        .withJson({ ...valid, userId: `text${character}victim` })
        .build(),
    );

    // Assess
    expect(response.status).toBe(400);
    expect(response.body?.errors).toEqual([{ field: 'userId', message: expect.stringContaining('invisible') }]);
  });

  it('still stores names in any script, with accents and combining marks', async () => {
    // Act
    const response = await app.send(
      anEvent('PATCH', `/users/${OWNER.sub}`)
        .by(OWNER)
        .withJson({ firstName: 'Zoe\u0308 小林', lastName: 'Nguyễn-Łukasz' })
        .build(),
    );

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ firstName: 'Zoe\u0308 小林', lastName: 'Nguyễn-Łukasz' });
  });
});
