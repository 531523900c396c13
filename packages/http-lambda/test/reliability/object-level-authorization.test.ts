import fc from 'fast-check';
import { CANARY, TEST_ISSUERS } from '@userprofile/testing';

import { anEvent, type Caller } from '../unit/support/api-gateway-event.mother';
import { useStoreApp } from './support/store-app';

const VICTIM = 'bola-victim';
const OWNER = 'mass-owner';
const ADMIN: Caller = { sub: 'bola-admin', groups: 'admins', issuer: TEST_ISSUERS.admins };
/** Runs of the property; at least 1,000 in CI. */
const RUNS = Math.max(1_000, Math.floor(Number(process.env.FUZZ_RUNS ?? 10_000) / 10));

const victimBody = {
  email: CANARY.emailMixedCase,
  firstName: CANARY.firstName,
  lastName: CANARY.lastName,
  phoneNumber: CANARY.phoneNumber,
};

/** Ways of naming the victim in a path: as is, percent-encoded in part or in whole. */
const victimSegment = fc.constantFrom(
  VICTIM,
  encodeURIComponent(VICTIM),
  [...VICTIM].map((char) => `%${char.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
  `%62${VICTIM.slice(1)}`,
  `%${VICTIM.charCodeAt(0).toString(16).toUpperCase()}${VICTIM.slice(1)}`,
);

/**
 * A caller who is not an administrator, in every way the authorizer can say so: no or another
 * group, a loose spelling of `admins`, or `admins` itself in a pool other than the admin pool.
 */
const nonAdmin: fc.Arbitrary<Caller> = fc.record({
  issuer: fc.constantFrom(
    TEST_ISSUERS.endUsers,
    `${TEST_ISSUERS.admins}/`,
    'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_SomeoneElse',
  ),
  sub: fc
    .oneof(
      fc.constantFrom('mallory', `${VICTIM}-2`, `${VICTIM} `, VICTIM.toUpperCase(), 'admins'),
      fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    )
    .filter((sub) => sub !== VICTIM),
  email: fc.constantFrom(CANARY.email, CANARY.emailMixedCase),
  groups: fc.constantFrom<Caller['groups']>(
    undefined,
    'users',
    '',
    'Admins',
    'admin',
    'administrators',
    'admins-lite',
    ['users'],
    ['Admins'],
    '[users]',
    // The admin group's very name, from a pool that is not the administrators'.
    'admins',
    ['admins'],
    '[users, admins]',
    // Spellings a loose parser (split on commas and spaces, strip brackets and quotes) took for admin.
    'admins]',
    '[admins',
    'x,admins',
    'admins,x',
    '"admins"',
    '[x,admins]',
    ' admins',
    '["admins"]',
    ['admins]'],
    [' admins'],
  ),
});

const changeBody = fc
  .record(
    {
      email: fc.constant(`mallory-${CANARY.email}`),
      firstName: fc.constant('Mallory'),
      lastName: fc.constant('Attacker'),
      phoneNumber: fc.constantFrom(null, '+447700900000'),
    },
    { requiredKeys: [] },
  )
  .filter((body) => Object.keys(body).length > 0);

const ifMatch = fc.constantFrom<string | undefined>(undefined, '"1"', '*', 'W/"1"', '"2"');

type Attempt = { route: string; event: ReturnType<ReturnType<typeof anEvent>['build']> };

const attempt: fc.Arbitrary<(caller: Caller) => Attempt> = fc.oneof(
  fc
    .tuple(fc.constantFrom('GET', 'DELETE'), victimSegment, ifMatch)
    .map(([method, segment, tag]) => (caller: Caller) => {
      const builder = anEvent(method, `/users/${segment}`).by(caller);
      if (tag && method === 'DELETE') builder.ifMatch(tag);
      return { route: `${method} /users/{userId}`, event: builder.build() };
    }),
  victimSegment.map((segment) => (caller: Caller) => ({
    route: 'DELETE /users/{userId}/account',
    event: anEvent('DELETE', `/users/${segment}/account`).by(caller).build(),
  })),
  fc
    .tuple(fc.constantFrom('PUT', 'PATCH'), victimSegment, ifMatch, changeBody)
    .map(([method, segment, tag, body]) => (caller: Caller) => {
      const builder = anEvent(method, `/users/${segment}`).by(caller).withJson(body);
      if (tag) builder.ifMatch(tag);
      return { route: `${method} /users/{userId}`, event: builder.build() };
    }),
  // The export hands out everything held about the victim: the stored responses and audit records too.
  victimSegment.map((segment) => (caller: Caller) => ({
    route: 'GET /users/{userId}/export',
    event: anEvent('GET', `/users/${segment}/export`).by(caller).build(),
  })),
  changeBody.map((body) => (caller: Caller) => ({
    route: 'POST /users',
    event: anEvent('POST', '/users')
      .by(caller)
      .withJson({ ...victimBody, ...body, userId: VICTIM })
      .build(),
  })),
  fc.constantFrom<Record<string, string>>({}, { limit: '100' }).map((query) => (caller: Caller) => ({
    route: 'GET /users',
    event: anEvent('GET', '/users').by(caller).withQuery(query).build(),
  })),
  fc
    .constantFrom<Record<string, unknown>>({ email: CANARY.email }, { email: CANARY.emailMixedCase, limit: 100 })
    .map((body) => (caller: Caller) => ({
      route: 'POST /users/search',
      event: anEvent('POST', '/users/search').by(caller).withJson(body).build(),
    })),
);

describe('broken object-level authorization and mass assignment (real repository on dynalite)', () => {
  const running = useStoreApp({ captureLogs: true });
  const app = running.app;

  it(`a non-admin gets 403 on every route aimed at someone else's profile, which stays byte-identical (${RUNS} runs)`, async () => {
    // Prepare
    const created = await app.send(
      anEvent('POST', '/users').by({ sub: VICTIM, email: CANARY.email }).withJson(victimBody).build(),
    );
    expect(created.status).toBe(201);
    app.accounts.signUp(VICTIM);
    const before = await app.rawItem(VICTIM);
    const statuses = new Map<number, number>();

    // Act
    await fc.assert(
      fc.asyncProperty(nonAdmin, attempt, async (caller, makeAttempt) => {
        const { route, event } = makeAttempt(caller);
        const response = await app.send(event);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);

        // Assess (per run)
        if (response.status !== 403)
          throw new Error(`${route} as ${JSON.stringify(caller)} answered ${response.status}: ${response.raw.body}`);
        if ((await app.rawItem(VICTIM)) !== before)
          throw new Error(`${route} as ${caller.sub} changed the victim's stored item`);
        if ((await app.count()) !== 1) throw new Error(`${route} as ${caller.sub} stored another item`);
      }),
      { numRuns: RUNS, seed: 7 },
    );

    // Assess
    expect([...statuses.keys()]).toEqual([403]);
    expect(await app.rawItem(VICTIM)).toBe(before);
    // Nobody erased the victim's sign-in account, or announced so.
    expect(await app.accounts.hasAccount(VICTIM)).toBe(true);
    expect(app.bus.published).toEqual([]);
  }, 300_000);

  describe('mass assignment: fields the service owns, or that would grant power, are refused', () => {
    const FORBIDDEN: [string, string][] = [
      ['version', '99'],
      ['createdAt', '"2000-01-01T00:00:00.000Z"'],
      ['updatedAt', '"2000-01-01T00:00:00.000Z"'],
      ['isAdmin', 'true'],
      ['cognito:groups', '"admins"'],
      ['__proto__', '{"isAdmin":true,"version":99}'],
      ['constructor', '{"prototype":{"isAdmin":true}}'],
      ['prototype', '{"isAdmin":true}'],
    ];
    const json = (fields: Record<string, unknown>, key: string, rawValue: string): string =>
      `{${Object.entries(fields)
        .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
        .join(',')},${JSON.stringify(key)}:${rawValue}}`;
    // Problems name an unknown field by its position as sent, never by the client's text (issue 32).
    const positionIn = (raw: string, key: string): string => `#${Object.keys(JSON.parse(raw)).indexOf(key) + 1}`;

    beforeAll(async () => {
      const created = await app.send(
        anEvent('POST', '/users').by({ sub: OWNER, email: CANARY.email }).withJson(victimBody).build(),
      );
      expect(created.status).toBe(201);
    });

    it.each(FORBIDDEN)('POST with %s: 400 naming its position, and nothing is created', async (key, rawValue) => {
      for (const caller of [{ sub: `mass-new-${key.length}` }, ADMIN]) {
        // Act
        const raw = json({ ...victimBody, userId: `mass-new-${key.length}` }, key, rawValue);
        const response = await app.send(
          anEvent('POST', '/users').by(caller).withRawBody(raw, 'application/json').build(),
        );

        // Assess
        expect(response.status).toBe(400);
        expect(response.headers['Content-Type']).toBe('application/problem+json');
        expect(response.body).toMatchObject({
          type: '/problems/validation',
          errors: expect.arrayContaining([expect.objectContaining({ field: positionIn(raw, key) })]),
        });
        expect(await app.rawItem(`mass-new-${key.length}`)).toBeUndefined();
      }
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    });

    it.each([
      ...FORBIDDEN,
      ['userId', `"${VICTIM}"`] as [string, string],
      ['userId', `"${OWNER}"`] as [string, string],
    ])(
      'PUT and PATCH with %s=%s: 400 naming its position, and the stored item does not change',
      async (key, rawValue) => {
        // Prepare
        const before = await app.rawItem(OWNER);

        for (const method of ['PUT', 'PATCH']) {
          for (const caller of [{ sub: OWNER }, ADMIN]) {
            // Act
            const raw = json({ firstName: 'Changed' }, key, rawValue);
            const response = await app.send(
              anEvent(method, `/users/${OWNER}`).by(caller).ifMatch('"1"').withRawBody(raw, 'application/json').build(),
            );

            // Assess
            expect(response.status).toBe(400);
            expect(response.body).toMatchObject({
              type: '/problems/validation',
              errors: expect.arrayContaining([expect.objectContaining({ field: positionIn(raw, key) })]),
            });
          }
        }
        expect(await app.rawItem(OWNER)).toBe(before);
        expect(await app.rawItem(VICTIM)).toEqual(expect.any(String));
      },
    );
  });

  it('logged no personal data or token', () => {
    // Assess
    const scan = running.logs.scanner.scan();
    expect(scan.lines).toBeGreaterThanOrEqual(RUNS);
    expect({ hits: scan.hits, samples: scan.samples }).toEqual({ hits: 0, samples: [] });
  });
});
