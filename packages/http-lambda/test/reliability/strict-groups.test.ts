import { CANARY } from '@userprofile/testing';
import { anEvent, type Caller } from '../unit/support/api-gateway-event.mother';
import { useStoreApp } from './support/store-app';

const VICTIM = 'groups-victim';

/**
 * `cognito:groups` values that a loose reading (split on commas and spaces, brackets and quotes
 * stripped) took for membership of `admins`. The authorizer never renders a real membership so.
 */
const NOT_ADMIN: readonly Caller['groups'][] = [
  'admins]',
  '[admins',
  'x,admins',
  'admins,x',
  '[x,admins]',
  '"admins"',
  "'admins'",
  '["admins"]',
  '["admins","x"]',
  ' admins',
  'admins ',
  'x admins',
  '[admins,]',
  '[admins, ]',
  'Admins',
  ['admins]'],
  [' admins'],
  ['"admins"'],
];

/** How the authorizer (text) and a decoded token (array) really say "member of admins". */
const ADMIN: readonly Caller['groups'][] = [
  'admins',
  '[admins]',
  '[support, admins]',
  ['admins'],
  ['support', 'admins'],
];

describe('strict cognito:groups (real repository on dynalite)', () => {
  const running = useStoreApp({ captureLogs: true });
  const app = running.app;

  beforeAll(async () => {
    const created = await app.send(
      anEvent('POST', '/users')
        .by({ sub: VICTIM, email: CANARY.email })
        .withJson({ email: CANARY.email, firstName: CANARY.firstName, lastName: CANARY.lastName })
        .build(),
    );
    expect(created.status).toBe(201);
  });

  it.each(NOT_ADMIN.map((groups) => [groups]))(
    'groups %j make nobody an admin: 403 on listing, on reading and on deleting another profile, which stays',
    async (groups) => {
      // Prepare
      const caller: Caller = { sub: 'mallory', groups };
      const before = await app.rawItem(VICTIM);

      // Act
      const listed = await app.send(anEvent('GET', '/users').by(caller).build());
      const read = await app.send(anEvent('GET', `/users/${VICTIM}`).by(caller).build());
      const deleted = await app.send(anEvent('DELETE', `/users/${VICTIM}`).by(caller).build());

      // Assess
      expect([listed.status, read.status, deleted.status]).toEqual([403, 403, 403]);
      expect(await app.rawItem(VICTIM)).toBe(before);
    },
  );

  it.each(ADMIN.map((groups) => [groups]))('groups %j make an admin: 200 on listing and reading', async (groups) => {
    // Act
    const caller: Caller = { sub: 'root', groups };
    const listed = await app.send(anEvent('GET', '/users').by(caller).build());
    const read = await app.send(anEvent('GET', `/users/${VICTIM}`).by(caller).build());

    // Assess
    expect([listed.status, read.status]).toEqual([200, 200]);
  });
});
