import type { AuthorizerClaims, LocalTokenVerifier, TokenCheck, TokenRevocations } from './local-tokens';

export interface TokenCacheOptions {
  /** Most tokens remembered; the oldest is forgotten first. @default 1000 */
  readonly maxEntries?: number;
  /** The clock, in milliseconds. @default Date.now */
  readonly now?: () => number;
  /** Tokens voided since they were cached (an account deleted): a hit is checked against them. @default none */
  readonly revocations?: TokenRevocations;
}

/**
 * Remembers the tokens `verify` accepted until they expire, as API Gateway caches its
 * authorizer's answers, so a client that sends the same token again skips the RS256 check.
 * Keyed by the whole `Authorization` value (signature included), so only the very same bytes
 * hit; refusals are never cached, and a hit past the token's `exp`, or of an account deleted since
 * (`revocations`), is checked afresh.
 */
export const cacheVerifiedTokens = (
  verify: LocalTokenVerifier,
  { maxEntries = 1000, now = Date.now, revocations }: TokenCacheOptions = {},
): LocalTokenVerifier => {
  const accepted = new Map<string, { readonly claims: AuthorizerClaims; readonly expiresAtMs: number }>();
  return async (authorization: string | undefined): Promise<TokenCheck> => {
    if (authorization === undefined) return verify(authorization);
    const hit = accepted.get(authorization);
    // A copy: a function that changed its claims must not change the next request's.
    if (hit && now() < hit.expiresAtMs && !revokedClaims(hit.claims, revocations))
      return { ok: true, claims: { ...hit.claims } };
    if (hit) accepted.delete(authorization);
    const check = await verify(authorization);
    const expiresAtMs = check.ok ? Number(check.claims.exp) * 1000 : NaN;
    if (check.ok && Number.isFinite(expiresAtMs)) {
      if (accepted.size >= maxEntries) accepted.delete(accepted.keys().next().value as string);
      accepted.set(authorization, { claims: { ...check.claims }, expiresAtMs });
    }
    return check;
  };
};

const revokedClaims = (claims: AuthorizerClaims, revocations: TokenRevocations | undefined): boolean =>
  revocations !== undefined && revocations.isRevoked(claims.sub ?? '', new Date(Number(claims.iat) * 1000));
