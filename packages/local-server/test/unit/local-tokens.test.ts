import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exportSPKI, SignJWT } from 'jose';
import {
  keysDir,
  loadOrCreateCursorSigningKey,
  loadOrCreateSigningKeys,
  type LocalSigningKeys,
} from '../../src/local-keys';
import {
  createLocalTokenVerifier,
  issueLocalToken,
  LOCAL_ADMIN_TOKEN_AUDIENCE,
  LOCAL_ADMIN_TOKEN_ISSUER,
  LOCAL_TOKEN_AUDIENCE,
  LOCAL_TOKEN_ISSUER,
} from '../../src/local-tokens';
import { groupsOf } from '@userprofile/http-lambda';

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('local development tokens', () => {
  let dataDir: string;
  let otherDir: string;
  let keys: LocalSigningKeys;
  let otherKeys: LocalSigningKeys;
  let verify: ReturnType<typeof createLocalTokenVerifier>;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tokens-'));
    otherDir = mkdtempSync(path.join(tmpdir(), 'tokens-other-'));
    keys = await loadOrCreateSigningKeys(dataDir);
    otherKeys = await loadOrCreateSigningKeys(otherDir);
    verify = createLocalTokenVerifier(keys);
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(otherDir, { recursive: true, force: true });
  });

  const signed = (claims: Record<string, unknown>, header: Record<string, unknown> = {}, key = keys) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, ...header }).sign(key.privateKey);

  const now = () => Math.floor(Date.now() / 1000);
  const valid = () => ({
    sub: 'alice',
    iss: LOCAL_TOKEN_ISSUER,
    aud: LOCAL_TOKEN_AUDIENCE,
    iat: now(),
    exp: now() + 600,
  });

  describe('keys', () => {
    it('keeps the key pair in the data folder, private key readable by its owner only, and reuses it', async () => {
      // Act
      const again = await loadOrCreateSigningKeys(dataDir);

      // Assess
      expect(again.kid).toBe(keys.kid);
      expect(statSync(path.join(keysDir(dataDir), 'jwt-signing-key.json')).mode & 0o777).toBe(0o600);
    });

    it('creates one key even when asked concurrently', async () => {
      // Prepare
      const fresh = mkdtempSync(path.join(tmpdir(), 'tokens-race-'));

      // Act
      const all = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateSigningKeys(fresh)));
      const cursorKeys = await Promise.all([1, 2].map(() => loadOrCreateCursorSigningKey(fresh)));

      // Assess
      expect(new Set(all.map((k) => k.kid)).size).toBe(1);
      expect(cursorKeys[0]).toBe(cursorKeys[1]);
      expect(cursorKeys[0]?.length).toBeGreaterThanOrEqual(43);
      rmSync(fresh, { recursive: true, force: true });
    });
  });

  describe('a token from the token CLI', () => {
    it('verifies, with claims rendered as the Cognito authorizer renders them', async () => {
      // Prepare
      const token = await issueLocalToken(keys, { sub: 'alice', email: 'a@x.io', admin: true });

      // Act
      const check = await verify(`Bearer ${token}`);

      // Assess
      expect(check).toEqual({
        ok: true,
        claims: expect.objectContaining({
          sub: 'alice',
          email: 'a@x.io',
          email_verified: 'true',
          'cognito:groups': 'admins',
          token_use: 'id',
          // An administrator signs in through the administrators' pool, as in AWS.
          iss: LOCAL_ADMIN_TOKEN_ISSUER,
          aud: LOCAL_ADMIN_TOKEN_AUDIENCE,
        }),
      });
      if (check.ok) for (const value of Object.values(check.claims)) expect(typeof value).toBe('string');
    });

    it('renders several groups as the authorizer does, which the strict group reading accepts', async () => {
      // Prepare
      const token = await new SignJWT({ 'cognito:groups': ['support', 'admins'] })
        .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
        .setSubject('alice')
        .setIssuer(LOCAL_TOKEN_ISSUER)
        .setAudience(LOCAL_TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(keys.privateKey);

      // Act
      const check = await verify(`Bearer ${token}`);

      // Assess
      const groups = check.ok ? check.claims['cognito:groups'] : undefined;
      expect(groups).toBe('[support, admins]');
      expect(groupsOf(groups)).toEqual(['support', 'admins']);
    });

    it('marks an email as unverified when asked', async () => {
      // Act
      const token = await issueLocalToken(keys, { sub: 'alice', email: 'a@x.io', emailVerified: false });
      const check = await verify(`Bearer ${token}`);

      // Assess
      expect(check.ok && check.claims.email_verified).toBe('false');
    });

    it('is valid for one hour', async () => {
      // Prepare
      const issuedAt = new Date(Date.now() - 3600_000 - 10_000);
      const token = await issueLocalToken(keys, { sub: 'alice', issuedAt });

      // Act
      const check = await verify(`Bearer ${token}`);

      // Assess
      expect(check).toEqual({ ok: false, reason: 'ERR_JWT_EXPIRED' });
    });

    it("carries no admin group unless asked, and comes from the end users' pool", async () => {
      // Act
      const check = await verify(`Bearer ${await issueLocalToken(keys, { sub: 'bob' })}`);

      // Assess
      expect(check.ok && check.claims['cognito:groups']).toBe(undefined);
      expect(check.ok && [check.claims.iss, check.claims.aud]).toEqual([LOCAL_TOKEN_ISSUER, LOCAL_TOKEN_AUDIENCE]);
    });

    it("accepts an end users' pool token in the admins group, as the authorizer does: the handlers grant it nothing", async () => {
      // Prepare
      const token = await signed({ ...valid(), 'cognito:groups': ['admins'] });

      // Act
      const check = await verify(`Bearer ${token}`);

      // Assess
      expect(check.ok && [check.claims.iss, check.claims['cognito:groups']]).toEqual([LOCAL_TOKEN_ISSUER, 'admins']);
    });
  });

  describe("a deleted account's token", () => {
    it('is refused when issued before the deletion, and accepted when issued after it', async () => {
      // Prepare: the account was deleted at T
      const deletedAt = new Date('2026-11-24T10:00:00.000Z');
      const revocations = { isRevoked: (sub: string, issuedAt: Date) => sub === 'alice' && issuedAt <= deletedAt };
      const checking = createLocalTokenVerifier(keys, revocations);
      const at = (iat: Date) => signed({ ...valid(), iat: iat.getTime() / 1000 });

      // Act
      const before = await checking(`Bearer ${await at(new Date(deletedAt.getTime() - 60_000))}`);
      const after = await checking(`Bearer ${await at(new Date(deletedAt.getTime() + 60_000))}`);
      const someoneElse = await checking(
        `Bearer ${await signed({ ...valid(), sub: 'bob', iat: deletedAt.getTime() / 1000 - 60 })}`,
      );

      // Assess
      expect(before).toEqual({ ok: false, reason: 'revoked' });
      expect([after.ok, someoneElse.ok]).toEqual([true, true]);
    });
  });

  describe('refuses', () => {
    const cases: Array<[string, () => Promise<string | undefined>]> = [
      ['no header', async () => undefined],
      ['a non-Bearer scheme', async () => `Basic ${Buffer.from('a:b').toString('base64')}`],
      ['a token that is not a JWT', async () => 'Bearer not-a-token'],
      [
        'a JWT with a tampered payload',
        async () => {
          const [h, , s] = (await signed(valid())).split('.');
          return `Bearer ${h}.${b64url({ ...valid(), sub: 'mallory' })}.${s}`;
        },
      ],
      [
        'a token signed by another key with the same kid',
        async () =>
          `Bearer ${await new SignJWT(valid()).setProtectedHeader({ alg: 'RS256', kid: keys.kid }).sign(otherKeys.privateKey)}`,
      ],
      ['a token with an unknown kid', async () => `Bearer ${await signed(valid(), {}, otherKeys)}`],
      ['an expired token', async () => `Bearer ${await signed({ ...valid(), iat: now() - 7200, exp: now() - 3600 })}`],
      ['a token not valid yet', async () => `Bearer ${await signed({ ...valid(), nbf: now() + 3600 })}`],
      [
        'a token from another issuer',
        async () => `Bearer ${await signed({ ...valid(), iss: 'https://evil.example' })}`,
      ],
      ['a token for another audience', async () => `Bearer ${await signed({ ...valid(), aud: 'another-api' })}`],
      [
        "an admin pool token for the end users' client",
        async () => `Bearer ${await signed({ ...valid(), iss: LOCAL_ADMIN_TOKEN_ISSUER, aud: LOCAL_TOKEN_AUDIENCE })}`,
      ],
      [
        "an end users' pool token for the admin console's client",
        async () => `Bearer ${await signed({ ...valid(), aud: LOCAL_ADMIN_TOKEN_AUDIENCE })}`,
      ],
      [
        'a token without a subject',
        async () => {
          const { sub: _sub, ...rest } = valid();
          return `Bearer ${await signed(rest)}`;
        },
      ],
      [
        'a token without an expiry',
        async () => {
          const { exp: _exp, ...rest } = valid();
          return `Bearer ${await signed(rest)}`;
        },
      ],
      [
        'an unsigned token (alg none)',
        async () => `Bearer ${b64url({ alg: 'none', kid: keys.kid })}.${b64url(valid())}.`,
      ],
      [
        'an HS256 token keyed with the public key',
        async () => {
          const header = b64url({ alg: 'HS256', kid: keys.kid });
          const payload = b64url(valid());
          const secret = await exportSPKI(keys.publicKey);
          const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
          return `Bearer ${header}.${payload}.${signature}`;
        },
      ],
    ];

    it.each(cases)('%s', async (_name, header) => {
      // Act
      const check = await verify(await header());

      // Assess
      expect(check.ok).toBe(false);
    });
  });
});
