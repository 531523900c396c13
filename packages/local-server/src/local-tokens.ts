import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ADMIN_GROUP } from '@userprofile/http-lambda/contract';
import type { LocalSigningKeys } from './local-keys';

/** The `iss` of local development tokens; the server accepts no other. */
export const LOCAL_TOKEN_ISSUER = 'userprofile-local';
/** The `aud` of local development tokens; the server accepts no other. */
export const LOCAL_TOKEN_AUDIENCE = 'userprofile-api';
/** How long a token from the token CLI is valid. */
export const LOCAL_TOKEN_LIFETIME_SECONDS = 3600;
/** Leeway for clocks that disagree slightly, as a real authorizer allows. */
const CLOCK_TOLERANCE_SECONDS = 5;

export interface LocalTokenRequest {
  readonly sub: string;
  readonly email?: string;
  /** Whether the identity provider verified `email` (`email_verified`); defaults to true when there is an email. */
  readonly emailVerified?: boolean;
  readonly admin?: boolean;
  /** When the token is issued; defaults to now. */
  readonly issuedAt?: Date;
  readonly lifetimeSeconds?: number;
}

/**
 * Signs a development token shaped like a Cognito ID token: `sub`, `email` and `email_verified`,
 * `cognito:groups` (`["admins"]` for an administrator), `token_use: id`.
 */
export const issueLocalToken = async (keys: LocalSigningKeys, request: LocalTokenRequest): Promise<string> => {
  const issuedAt = Math.floor((request.issuedAt ?? new Date()).getTime() / 1000);
  const claims: JWTPayload = { token_use: 'id' };
  if (request.email !== undefined) {
    claims.email = request.email;
    claims.email_verified = request.emailVerified ?? true;
  }
  if (request.admin) claims['cognito:groups'] = [ADMIN_GROUP];
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: keys.kid })
    .setSubject(request.sub)
    .setIssuer(LOCAL_TOKEN_ISSUER)
    .setAudience(LOCAL_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (request.lifetimeSeconds ?? LOCAL_TOKEN_LIFETIME_SECONDS))
    .sign(keys.privateKey);
};

/** Claims as API Gateway's Cognito authorizer hands them to a function: every value a string. */
export type AuthorizerClaims = Readonly<Record<string, string>>;

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
 * with RS256 by the local key (matched by `kid`), with the local issuer and audience, a `sub`,
 * and inside its validity window. The reason of a refusal is for tests and debugging only; it
 * carries nothing from the token.
 */
export const createLocalTokenVerifier =
  (keys: LocalSigningKeys) =>
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
          issuer: LOCAL_TOKEN_ISSUER,
          audience: LOCAL_TOKEN_AUDIENCE,
          requiredClaims: ['sub', 'exp', 'iat'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        },
      );
      if (typeof payload.sub !== 'string' || payload.sub === '') return { ok: false, reason: 'no subject' };
      return { ok: true, claims: toAuthorizerClaims(payload) };
    } catch (error) {
      return { ok: false, reason: error instanceof joseErrors.JOSEError ? error.code : 'invalid' };
    }
  };

export type LocalTokenVerifier = ReturnType<typeof createLocalTokenVerifier>;
