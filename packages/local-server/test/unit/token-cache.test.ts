import type { TokenCheck } from '../../src/local-tokens';
import { cacheVerifiedTokens } from '../../src/token-cache';

const EXP = 1_900_000_000;

/** A verifier that accepts `Bearer good-<n>` (expiring at EXP) and counts its calls. */
const countingVerifier = () => {
  const calls: (string | undefined)[] = [];
  const verify = async (authorization: string | undefined): Promise<TokenCheck> => {
    calls.push(authorization);
    return authorization?.startsWith('Bearer good-')
      ? { ok: true, claims: { sub: authorization.slice('Bearer '.length), exp: String(EXP) } }
      : { ok: false, reason: 'invalid' };
  };
  return { calls, verify };
};

describe('cacheVerifiedTokens', () => {
  it('verifies a token once and answers the same bytes from memory until it expires', async () => {
    // Prepare
    const { calls, verify } = countingVerifier();
    let now = (EXP - 60) * 1000;
    const cached = cacheVerifiedTokens(verify, { now: () => now });

    // Act
    const first = await cached('Bearer good-1');
    const second = await cached('Bearer good-1');
    now = EXP * 1000;
    const afterExpiry = await cached('Bearer good-1');

    // Assess
    expect(first).toEqual({ ok: true, claims: { sub: 'good-1', exp: String(EXP) } });
    expect(second).toEqual(first);
    expect(afterExpiry).toEqual(first);
    expect(calls).toEqual(['Bearer good-1', 'Bearer good-1']);
  });

  it('never remembers a refusal, nor a missing header', async () => {
    // Prepare
    const { calls, verify } = countingVerifier();
    const cached = cacheVerifiedTokens(verify, { now: () => 0 });

    // Act
    const refusals = [await cached('Bearer bad'), await cached('Bearer bad'), await cached(undefined)];

    // Assess
    expect(refusals.every((check) => !check.ok)).toBe(true);
    expect(calls).toEqual(['Bearer bad', 'Bearer bad', undefined]);
  });

  it('hands out a copy of the claims, so one request cannot change the next one’s', async () => {
    // Prepare
    const { verify } = countingVerifier();
    const cached = cacheVerifiedTokens(verify, { now: () => 0 });
    const first = await cached('Bearer good-1');
    if (!first.ok) throw new Error('the token was refused');
    (first.claims as Record<string, string>).sub = 'someone-else';

    // Act
    const second = await cached('Bearer good-1');

    // Assess
    expect(second).toEqual({ ok: true, claims: { sub: 'good-1', exp: String(EXP) } });
  });

  it('forgets the oldest token when full', async () => {
    // Prepare
    const { calls, verify } = countingVerifier();
    const cached = cacheVerifiedTokens(verify, { now: () => 0, maxEntries: 2 });

    // Act
    for (const n of [1, 2, 3, 1]) await cached(`Bearer good-${n}`);

    // Assess: good-1 was pushed out by good-3, so it is verified again.
    expect(calls).toEqual(['Bearer good-1', 'Bearer good-2', 'Bearer good-3', 'Bearer good-1']);
  });

  it('refuses a remembered token once its account is deleted, and asks the verifier again', async () => {
    // Prepare
    const { calls, verify } = countingVerifier();
    const deleted = new Set<string>();
    const cached = cacheVerifiedTokens(verify, {
      now: () => (EXP - 60) * 1000,
      revocations: { isRevoked: (sub) => deleted.has(sub) },
    });
    await cached('Bearer good-1');

    // Act
    deleted.add('good-1');
    const afterDeletion = await cached('Bearer good-1');

    // Assess: the verifier (which itself refuses revoked tokens in the server) is asked again
    expect(afterDeletion).toEqual({ ok: true, claims: { sub: 'good-1', exp: String(EXP) } });
    expect(calls).toEqual(['Bearer good-1', 'Bearer good-1']);
  });
});
