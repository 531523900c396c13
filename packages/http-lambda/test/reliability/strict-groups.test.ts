import { CANARY, TEST_ISSUERS } from '@userprofile/testing';
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

  /**
   * The end users' pool lets anyone sign up, and its groups are not the administrators': only the
   * admin pool (MFA required, no self sign-up) makes administrators, whatever another pool says.
   */
  const NOT_THE_ADMIN_POOL: readonly string[] = [
    TEST_ISSUERS.endUsers,
    `${TEST_ISSUERS.admins}/`,
    TEST_ISSUERS.admins.toUpperCase(),
    TEST_ISSUERS.admins.replace('https://', 'http://'),
    'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_SomeoneElse',
    '',
  ];
  /** Loose group spellings from the admin pool, then real memberships from any other issuer. */
  const NOT_ADMIN_CALLERS: readonly [string, Caller][] = [
    ...NOT_ADMIN.map((groups): [string, Caller] => [
      `groups ${JSON.stringify(groups)} from the admin pool`,
      { sub: 'mallory', groups, issuer: TEST_ISSUERS.admins },
    ]),
    ...NOT_THE_ADMIN_POOL.flatMap((issuer) =>
      ADMIN.map((groups): [string, Caller] => [
        `groups ${JSON.stringify(groups)} from ${JSON.stringify(issuer)}`,
        { sub: 'mobile-mallory', groups, issuer },
      ]),
    ),
  ];

  it.each(NOT_ADMIN_CALLERS)(
    '%s make nobody an admin: 403 on listing, on reading and on deleting another profile, which stays',
    async (_case, caller) => {
      // Prepare
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

  it('a token without any issuer is no admin, whatever its groups', async () => {
    // Act
    const read = await app.send(
      anEvent('GET', `/users/${VICTIM}`).withClaims({ sub: 'no-iss', 'cognito:groups': 'admins' }).build(),
    );

    // Assess
    expect(read.status).toBe(403);
  });

  it.each(ADMIN.map((groups) => [groups]))('groups %j make an admin: 200 on listing and reading', async (groups) => {
    // Act
    const caller: Caller = { sub: 'root', groups, issuer: TEST_ISSUERS.admins };
    const listed = await app.send(anEvent('GET', '/users').by(caller).build());
    const read = await app.send(anEvent('GET', `/users/${VICTIM}`).by(caller).build());

    // Assess
    expect([listed.status, read.status]).toEqual([200, 200]);
  });
});
