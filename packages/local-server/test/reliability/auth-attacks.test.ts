import { exportSPKI, SignJWT, UnsecuredJWT } from 'jose';

import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER } from '../../src/local-tokens';
import { CANARY, captureProcessLogs, rememberToken } from '@userprofile/testing';
import { startHarness, type LocalServerHarness } from './support/local-server-harness';

const VICTIM = 'auth-victim';
const now = (): number => Math.floor(Date.now() / 1000);
const flipOneSignatureByte = (token: string): string => {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const bytes = Buffer.from(signature, 'base64url');
  bytes[bytes.length >> 1]! ^= 0x01;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
};

describe('authentication attacks on the local server (real HTTP)', () => {
  let harness: LocalServerHarness;
  let logs: ReturnType<typeof captureProcessLogs>;
  let victimBefore: unknown;

  /** A correctly shaped token for `sub`, with what an attack changes. */
  const forged = (sub: string, change: { header?: Record<string, unknown>; claims?: Record<string, unknown> } = {}) =>
    new SignJWT({ token_use: 'id', email: CANARY.email, 'cognito:groups': ['admins'], ...change.claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: harness.keys.kid, ...change.header })
      .setSubject(sub)
      .setIssuer(LOCAL_TOKEN_ISSUER)
      .setAudience(LOCAL_TOKEN_AUDIENCE)
      .setIssuedAt(now())
      .setExpirationTime(now() + 600);

  const ATTACKS: [string, (sub: string) => Promise<string | undefined>][] = [
    ['no Authorization header', async () => undefined],
    ['an empty header', async () => ''],
    ['Bearer without a token', async () => 'Bearer '],
    ['a Basic credential', async () => `Basic ${Buffer.from(`${CANARY.email}:secret`).toString('base64')}`],
    ['a token without the Bearer scheme', async (sub) => await forged(sub).sign(harness.keys.privateKey)],
    ['malformed JWT text', async () => `Bearer ${CANARY.bearer}`],
    [
      'two segments only',
      async (sub) => `Bearer ${(await forged(sub).sign(harness.keys.privateKey)).split('.').slice(0, 2).join('.')}`,
    ],
    [
      'alg: none (empty signature)',
      async (sub) =>
        `Bearer ${new UnsecuredJWT({ sub, email: CANARY.email, 'cognito:groups': ['admins'] }).setIssuer(LOCAL_TOKEN_ISSUER).setAudience(LOCAL_TOKEN_AUDIENCE).setIssuedAt().setExpirationTime('10m').encode()}`,
    ],
    [
      'alg: none with a signature',
      async (sub) => {
        const unsigned = new UnsecuredJWT({ sub })
          .setIssuer(LOCAL_TOKEN_ISSUER)
          .setAudience(LOCAL_TOKEN_AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('10m')
          .encode();
        return `Bearer ${unsigned}${Buffer.from('signature').toString('base64url')}`;
      },
    ],
    [
      'HS256 signed with the public key',
      async (sub) => {
        const pem = await exportSPKI(harness.keys.publicKey);
        return `Bearer ${await forged(sub, { header: { alg: 'HS256' } }).sign(new TextEncoder().encode(pem))}`;
      },
    ],
    [
      'expired',
      async (sub) =>
        `Bearer ${await forged(sub)
          .setIssuedAt(now() - 7200)
          .setExpirationTime(now() - 3600)
          .sign(harness.keys.privateKey)}`,
    ],
    [
      'not yet valid (nbf in an hour)',
      async (sub) =>
        `Bearer ${await forged(sub)
          .setNotBefore(now() + 3600)
          .sign(harness.keys.privateKey)}`,
    ],
    [
      'wrong issuer',
      async (sub) =>
        `Bearer ${await forged(sub).setIssuer('https://cognito-idp.eu-west-1.amazonaws.com/evil').sign(harness.keys.privateKey)}`,
    ],
    [
      'wrong audience',
      async (sub) => `Bearer ${await forged(sub).setAudience('another-api').sign(harness.keys.privateKey)}`,
    ],
    [
      'unknown key id',
      async (sub) => `Bearer ${await forged(sub, { header: { kid: 'attacker-key-1' } }).sign(harness.keys.privateKey)}`,
    ],
    [
      'no key id',
      async (sub) => `Bearer ${await forged(sub, { header: { kid: undefined } }).sign(harness.keys.privateKey)}`,
    ],
    [
      'one flipped signature byte',
      async (sub) => `Bearer ${flipOneSignatureByte(await forged(sub).sign(harness.keys.privateKey))}`,
    ],
    [
      'no subject',
      async () =>
        `Bearer ${await new SignJWT({ email: CANARY.email }).setProtectedHeader({ alg: 'RS256', kid: harness.keys.kid }).setIssuer(LOCAL_TOKEN_ISSUER).setAudience(LOCAL_TOKEN_AUDIENCE).setIssuedAt().setExpirationTime('10m').sign(harness.keys.privateKey)}`,
    ],
  ];

  beforeAll(async () => {
    logs = captureProcessLogs({ keepLines: true });
    harness = await startHarness({ logLevel: 'DEBUG' });
    const created = await harness.call('POST', '/users', {
      token: await harness.tokenFor(VICTIM, { email: CANARY.email }),
      body: {
        email: CANARY.email,
        firstName: CANARY.firstName,
        lastName: CANARY.lastName,
        phoneNumber: CANARY.phoneNumber,
      },
    });
    expect(created.status).toBe(201);
    victimBefore = await created.json();
  });

  afterAll(async () => {
    await harness?.stop();
    logs.stop();
  });

  it.each(ATTACKS)('%s: 401 problem+json on every route, and no function runs', async (_name, attack) => {
    // Prepare
    const attacker = `attacker-${Math.random().toString(36).slice(2, 10)}`;
    const authorizationAs = async (sub: string) => {
      const value = await attack(sub);
      if (value) rememberToken(value.replace(/^Bearer\s+/, ''));
      return value;
    };
    const requests: [string, string, unknown?, Record<string, string>?][] = [
      ['POST', '/users', { email: CANARY.email, firstName: CANARY.firstName, lastName: CANARY.lastName }],
      ['GET', '/users'],
      ['GET', `/users?email=${encodeURIComponent(CANARY.email)}`],
      ['POST', '/users/search', { email: CANARY.email }],
      ['GET', `/users/${VICTIM}`],
      ['GET', '/users/me'],
      ['PATCH', `/users/${VICTIM}`, { firstName: 'Mallory' }, { 'If-Match': '"1"' }],
      ['PUT', `/users/${VICTIM}`, { lastName: 'Mallory' }],
      ['DELETE', `/users/${VICTIM}`],
    ];

    // Act
    const responses = [];
    for (const [method, route, body, headers] of requests) {
      const sub = method === 'POST' ? attacker : VICTIM;
      const authorization = await authorizationAs(sub);
      responses.push(
        await harness.call(method, route, { ...(authorization !== undefined && { authorization }), body, headers }),
      );
    }

    // Assess
    for (const response of responses) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.json()).toEqual(
        expect.objectContaining({
          type: '/problems/unauthorized',
          status: 401,
          title: expect.any(String),
          detail: expect.any(String),
        }),
      );
    }
    // The handlers' logger writes one line per request they serve: none for these request ids.
    const ids = responses.map((response) => response.headers.get('x-request-id')!);
    const handled = logs.scanner.keptLines!.filter((line) => ids.some((id) => line.includes(`"request_id":"${id}"`)));
    expect(handled).toEqual([]);
    // Nothing was written: the attacker's profile does not exist, the victim's is as it was.
    const admin = await harness.tokenFor('auth-admin', { admin: true });
    expect((await harness.call('GET', `/users/${attacker}`, { token: admin })).status).toBe(404);
    const victim = await harness.call('GET', `/users/${VICTIM}`, { token: admin });
    expect(await victim.json()).toEqual(victimBefore);
  });

  it('the same requests with a valid token do reach the functions (the log check above can see them)', async () => {
    // Act
    const response = await harness.call('GET', `/users/${VICTIM}`, { token: await harness.tokenFor(VICTIM) });

    // Assess
    expect(response.status).toBe(200);
    const id = response.headers.get('x-request-id')!;
    expect(
      logs.scanner.keptLines!.some(
        (line) => line.includes(`"request_id":"${id}"`) && line.includes('request completed'),
      ),
    ).toBe(true);
  });

  it('logged no token, email, phone number or name', () => {
    // Assess
    const scan = logs.scanner.scan();
    expect(scan.lines).toBeGreaterThan(0);
    expect({ hits: scan.hits, samples: scan.samples }).toEqual({ hits: 0, samples: [] });
    expect(JSON.stringify(harness.accessLog)).not.toMatch(/zq\.canary|Zqcanary|447700900731|eyJ/i);
  });
});
