import { SignJWT } from 'jose';

import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER } from '../../src/local-tokens';
import { startHarness, type LocalServerHarness } from './support/local-server-harness';

/* The identity rules of the handlers (strict `cognito:groups`, emails tied to the token's
   verified email) hold on the local server too, with tokens as `pnpm token` issues them. */

const body = (email: string) => ({ email, firstName: 'Ada', lastName: 'Owner' });

describe('identity on the local server (real HTTP, tokens as `pnpm token` issues them)', () => {
  let harness: LocalServerHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.stop();
  });

  describe('strict cognito:groups', () => {
    it("an admin token from the token CLI still administers: it lists and reads another's profile", async () => {
      // Prepare
      const owner = await harness.tokenFor('local-owner', { email: 'local.owner@example.com' });
      const admin = await harness.tokenFor('local-root', { admin: true });
      const created = await harness.call('POST', '/users', {
        token: owner,
        body: { email: 'local.owner@example.com', firstName: 'Local', lastName: 'Owner' },
      });

      // Act
      const listed = await harness.call('GET', '/users', { token: admin });
      const read = await harness.call('GET', '/users/local-owner', { token: admin });
      const byOwner = await harness.call('GET', '/users', { token: owner });

      // Assess
      expect([created.status, listed.status, read.status, byOwner.status]).toEqual([201, 200, 200, 403]);
    });

    it("an end users' pool token in the admins group administers nothing: 403 on listing, reading and deleting", async () => {
      // Prepare: a well-signed token of the end users' pool that claims the admins group.
      const owner = await harness.tokenFor('pool-owner', { email: 'pool.owner@example.com' });
      await harness.call('POST', '/users', {
        token: owner,
        body: { email: 'pool.owner@example.com', firstName: 'Pool', lastName: 'Owner' },
      });
      const mobileAdmin = await new SignJWT({ token_use: 'id', 'cognito:groups': ['admins'] })
        .setProtectedHeader({ alg: 'RS256', kid: harness.keys.kid })
        .setSubject('mobile-mallory')
        .setIssuer(LOCAL_TOKEN_ISSUER)
        .setAudience(LOCAL_TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(harness.keys.privateKey);

      // Act
      const listed = await harness.call('GET', '/users', { token: mobileAdmin });
      const read = await harness.call('GET', '/users/pool-owner', { token: mobileAdmin });
      const deleted = await harness.call('DELETE', '/users/pool-owner', { token: mobileAdmin });
      const stillThere = await harness.call('GET', '/users/me', { token: owner });

      // Assess
      expect([listed.status, read.status, deleted.status, stillThere.status]).toEqual([403, 403, 403, 200]);
    });
  });

  describe('emails tied to identity', () => {
    it('a token with --email creates a profile with that email, and not with another', async () => {
      // Prepare
      const token = await harness.tokenFor('alice', { email: 'alice@example.com' });

      // Act
      const impostor = await harness.call('POST', '/users', { token, body: body('boss@example.com') });
      const own = await harness.call('POST', '/users', { token, body: body('alice@example.com') });

      // Assess
      expect(impostor.status).toBe(403);
      expect(((await impostor.json()) as { type: string }).type).toBe('/problems/email-not-verified-for-caller');
      expect(own.status).toBe(201);
    });
  });
});
