import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ADMIN_GROUP } from '@userprofile/http-lambda/contract';
import type { LocalSigningKeys } from './local-keys';

/*
 * Two local user pools, as in AWS: the end users' (the mobile app's) and the administrators'.
 * The stand-in authorizer accepts both, each with its own issuer and audience (app client); only
 * the administrators' pool's `admins` group makes an administrator (the handlers check `iss`).
 */

/** The `iss` of the end users' local pool; with the administrators', the only issuers the server accepts. */
export const LOCAL_TOKEN_ISSUER = 'userprofile-local';
/** The `aud` of the end users' local pool's tokens (the mobile app client). */
export const LOCAL_TOKEN_AUDIENCE = 'userprofile-api';
/** The `iss` of the administrators' local pool: the local server's `ADMIN_ISSUER`. */
export const LOCAL_ADMIN_TOKEN_ISSUER = 'userprofile-local-admins';
/** The `aud` of the administrators' local pool's tokens (the admin console's app client). */
export const LOCAL_ADMIN_TOKEN_AUDIENCE = 'userprofile-admin-console';

/** Each accepted issuer with the one audience its pool's client gives its tokens. */
const AUDIENCE_OF_ISSUER: Readonly<Record<string, string>> = {
  [LOCAL_TOKEN_ISSUER]: LOCAL_TOKEN_AUDIENCE,
  [LOCAL_ADMIN_TOKEN_ISSUER]: LOCAL_ADMIN_TOKEN_AUDIENCE,
};
/** How long a token from the token CLI is valid. */
export const LOCAL_TOKEN_LIFETIME_SECONDS = 3600;
/** Leeway for clocks that disagree slightly, as a real authorizer allows. */
const CLOCK_TOLERANCE_SECONDS = 5;

export interface LocalTokenRequest {
  readonly sub: string;
  readonly email?: string;
  /** Whether the identity provider verified `email` (`email_verified`); defaults to true when there is an email. */
  readonly emailVerified?: boolean;
  /** Signs the caller in through the administrators' pool, in its `admins` group; else the end users' pool. */
  readonly admin?: boolean;
  /** When the token is issued; defaults to now. */
  readonly issuedAt?: Date;
  readonly lifetimeSeconds?: number;
}

/**
 * Signs a development token shaped like a Cognito ID token: `sub`, `email` and `email_verified`,
 * `token_use: id`; an administrator's comes from the administrators' pool (its issuer and
 * audience) with `cognito:groups: ["admins"]`, anyone else's from the end users' pool.
 */
export const issueLocalToken = async (keys: LocalSigningKeys, request: LocalTokenRequest): Promise<string> => {
  const issuedAt = Math.floor((request.issuedAt ?? new Date()).getTime() / 1000);
  const claims: JWTPayload = { token_use: 'id' };
  if (request.email !== undefined) {
    claims.email = request.email;
    claims.email_verified = request.emailVerified ?? true;
  }
  if (request.admin) claims['cognito:groups'] = [ADMIN_GROUP];
  const issuer = request.admin ? LOCAL_ADMIN_TOKEN_ISSUER : LOCAL_TOKEN_ISSUER;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: keys.kid })
    .setSubject(request.sub)
    .setIssuer(issuer)
    .setAudience(AUDIENCE_OF_ISSUER[issuer]!)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (request.lifetimeSeconds ?? LOCAL_TOKEN_LIFETIME_SECONDS))
    .sign(keys.privateKey);
};

/** Claims as API Gateway's Cognito authorizer hands them to a function: every value a string. */
export type AuthorizerClaims = Readonly<Record<string, string>>;

/** Which tokens the identity provider voided: those of an account deleted after they were issued. */
export interface TokenRevocations {
  isRevoked(sub: string, issuedAt: Date): boolean;
}

export type TokenCheck =
  { readonly ok: true; readonly claims: AuthorizerClaims } | { readonly ok: false; readonly reason: string };

/**
 * Renders verified claims the way API Gateway's Cognito user pool authorizer does for a REST
 * API: strings throughout; a list (such as `cognito:groups`) as its one element, or as Java's list
 * text `[a, b]` (see `http/cognito-claims.ts`, whose strict reading these must pass).
 */
export const toAuthorizerClaims = (payload: JWTPayload): AuthorizerClaims => {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value))
      claims[name] = value.length === 1 ? String(value[0]) : `[${value.map(String).join(', ')}]`;
    else if (typeof value === 'object') claims[name] = JSON.stringify(value);
    else claims[name] = String(value);
  }
  return claims;
};

const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+) *$/;

/**
 * Checks an `Authorization` header the way the Cognito authorizer would: a Bearer JWT signed
 * with RS256 by the local key (matched by `kid`), from one of the two local pools (its issuer
 * with its own audience: another pool's audience is refused), with a `sub`, inside its validity
 * window. Like the REST API's authorizer, it trusts both pools' groups alike: telling an
 * administrator is the handlers' work. A token of an account deleted since it was issued is refused,
 * as Cognito refuses a deleted user's tokens (`revocations`: the local identity directory). The
 * reason of a refusal is for tests and debugging only; it carries nothing from the token.
 */
export const createLocalTokenVerifier =
  (keys: LocalSigningKeys, revocations?: TokenRevocations) =>
  async (authorization: string | undefined): Promise<TokenCheck> => {
    if (!authorization) return { ok: false, reason: 'missing' };
    const match = BEARER.exec(authorization);
    if (!match?.[1]) return { ok: false, reason: 'malformed' };
    try {
      const { payload } = await jwtVerify(
        match[1],
        async (header) => {
          if (header.kid !== keys.kid) throw new joseErrors.JWKSNoMatchingKey();
          return keys.publicKey;
        },
        {
          algorithms: ['RS256'],
          issuer: Object.keys(AUDIENCE_OF_ISSUER),
          audience: Object.values(AUDIENCE_OF_ISSUER),
          requiredClaims: ['sub', 'exp', 'iat'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        },
      );
      if (typeof payload.sub !== 'string' || payload.sub === '') return { ok: false, reason: 'no subject' };
      // jose checks the issuer and the audience each against its list, not as a pair.
      if (payload.aud !== AUDIENCE_OF_ISSUER[payload.iss!]) return { ok: false, reason: 'audience of another pool' };
      if (revocations?.isRevoked(payload.sub, new Date(payload.iat! * 1000))) return { ok: false, reason: 'revoked' };
      return { ok: true, claims: toAuthorizerClaims(payload) };
    } catch (error) {
      return { ok: false, reason: error instanceof joseErrors.JOSEError ? error.code : 'invalid' };
    }
  };

export type LocalTokenVerifier = ReturnType<typeof createLocalTokenVerifier>;
