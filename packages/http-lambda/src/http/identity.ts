import type { Actor } from '@userprofile/domain';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ServiceIdentifier } from 'inversify';

import { isAdminClaims, verifiedEmailOf } from './cognito-claims';
import { HttpProblem } from './problem';

/** Which tokens may make an administrator: the runtime's trust in its user pools. */
export interface IdentitySettings {
  /** The `iss` of the administrators' user pool's tokens (`https://cognito-idp.{region}.amazonaws.com/{poolId}`). */
  readonly adminIssuer: string;
}

export const IDENTITY_SETTINGS: ServiceIdentifier<IdentitySettings> = Symbol.for('userprofile.http.IdentitySettings');

/** `/users/me` stands for the caller. */
export const ME = 'me';

const unauthorized = (): HttpProblem =>
  new HttpProblem('unauthorized', 'A valid bearer token is required.', { headers: { 'WWW-Authenticate': 'Bearer' } });

/**
 * The caller, from the claims the authorizer verified (Cognito in AWS, the local server's
 * verifier locally): handlers never look at the token itself. No claims or no `sub`: 401.
 * The authorizer accepts both user pools; only the admin pool's `admins` make an administrator.
 */
export function actorOf(event: Pick<APIGatewayProxyEvent, 'requestContext'>, identity: IdentitySettings): Actor {
  const claims: unknown = event.requestContext?.authorizer?.claims;
  if (typeof claims !== 'object' || claims === null) throw unauthorized();
  const { sub } = claims as Record<string, unknown>;
  if (typeof sub !== 'string' || sub.trim() === '') throw unauthorized();
  const verifiedEmail = verifiedEmailOf(claims as Record<string, unknown>);
  const isAdmin = isAdminClaims(claims as Record<string, unknown>, identity.adminIssuer);
  // Two literals rather than a conditional spread, which takes V8's slow path on every request.
  return verifiedEmail === undefined ? { userId: sub, isAdmin } : { userId: sub, isAdmin, verifiedEmail };
}

/**
 * The profile a `/users/{userId}` request is about: the path's id, or the caller's for `me`.
 * Path parameters may arrive percent-encoded; user ids never contain `%`, so decoding is safe.
 */
export function targetUserIdOf(event: Pick<APIGatewayProxyEvent, 'pathParameters'>, actor: Actor): string {
  const raw = event.pathParameters?.userId;
  if (raw === undefined || raw === '') throw new HttpProblem('not-found', 'There is no profile with this user id.');
  const userId = raw.includes('%') ? safeDecode(raw) : raw;
  return userId === ME ? actor.userId : userId;
}

/** The `userId` a create's body names, unchecked: undefined when it names none (the caller's own), '' when it is no string. */
export function createdUserIdOf(event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded'>): string | undefined {
  try {
    const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    const { userId } = JSON.parse(text) as { userId?: unknown };
    return userId === undefined || typeof userId === 'string' ? userId : '';
  } catch {
    return '';
  }
}

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
