import { createHash } from 'node:crypto';

import { UserId, type Actor, type AuditRecord } from '@userprofile/domain';
import type { APIGatewayProxyEvent } from 'aws-lambda';

import { targetUserIdOf } from '../http/identity';
import type { HttpResponse } from '../http/responses';

/** The target of an action that spans profiles (a listing, a lookup). */
export const ANY_PROFILE = '*';
/** The target of an action whose path or body named no possible user id. */
export const NO_PROFILE = '-';

const PROBLEM_PREFIX = '/problems/';

export interface AuditedExchange {
  readonly event: APIGatewayProxyEvent;
  /** The verified caller; undefined when the request never got that far (401). */
  readonly actor: Actor | undefined;
  readonly response: HttpResponse;
  readonly requestId: string;
  readonly time: Date;
}

/**
 * The audit record a request calls for, if any: every delete, and every action an
 * administrator takes on a profile other than their own (listings and lookups included).
 * A caller's own non-delete actions and unauthenticated requests are not audited.
 */
export function auditRecordOf({ event, actor, response, requestId, time }: AuditedExchange): AuditRecord | undefined {
  if (!actor || event.httpMethod === 'OPTIONS') return undefined;
  const isDelete = event.httpMethod === 'DELETE';
  // Most requests are a user's own non-deletes: decided before the target is worked out.
  if (!isDelete && !actor.isAdmin) return undefined;
  const target = targetOf(event, actor, response);
  if (!isDelete && target === actor.userId) return undefined;
  return {
    time: time.toISOString(),
    requestId,
    actor: actor.userId,
    actorIsAdmin: actor.isAdmin,
    action: `${event.httpMethod} ${event.resource}`,
    target: recordable(target),
    outcome: outcomeOf(response),
    status: response.statusCode,
  };
}

/** The user id the request acts on, as the route reads it. */
function targetOf(event: APIGatewayProxyEvent, actor: Actor, response: HttpResponse): string {
  if (event.resource === '/users/{userId}') {
    try {
      return targetUserIdOf(event, actor);
    } catch {
      return NO_PROFILE;
    }
  }
  if (event.resource === '/users' && event.httpMethod === 'POST') {
    // A refused body's `userId` is whatever the client wrote (a name, an address): only a create
    // that was made, or that met an existing profile, names an id for sure.
    if (!CREATE_NAMED_A_PROFILE.has(response.statusCode)) return NO_PROFILE;
    return createdUserIdOf(event) ?? actor.userId;
  }
  return ANY_PROFILE;
}

/** A create's answers whose body passed validation: made (201) or already there (409). */
const CREATE_NAMED_A_PROFILE: ReadonlySet<number> = new Set([201, 409]);

/** The `userId` a create names (its caller's own when none). */
function createdUserIdOf(event: APIGatewayProxyEvent): string | undefined {
  try {
    const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    const { userId } = JSON.parse(text) as { userId?: unknown };
    return typeof userId === 'string' ? userId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the trail may hold of a target: user ids are opaque subjects, but the id rule lets an
 * address-like value through (`@` is allowed), and a refused request can name anything. Such a
 * value is recorded as a hash: still matchable by whoever knows it, never readable.
 */
function recordable(target: string): string {
  if (target === ANY_PROFILE || target === NO_PROFILE) return target;
  if (!UserId.isPossible(target)) return NO_PROFILE;
  if (!target.includes('@')) return target;
  return `sha256:${createHash('sha256').update(target, 'utf8').digest('hex')}`;
}

/** `success`, or the problem kind the response names (its `type` without `/problems/`). */
function outcomeOf(response: HttpResponse): string {
  if (response.statusCode < 400) return 'success';
  try {
    const { type } = JSON.parse(response.body) as { type?: unknown };
    if (typeof type === 'string' && type.startsWith(PROBLEM_PREFIX)) return type.slice(PROBLEM_PREFIX.length);
  } catch {
    // A body that is not a problem document: the status says enough.
  }
  return `http-${response.statusCode}`;
}
