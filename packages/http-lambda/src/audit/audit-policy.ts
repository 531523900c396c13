import { UserId, type Actor, type AuditRecord, type RefusalReason } from '@userprofile/domain';
import type { APIGatewayProxyEvent } from 'aws-lambda';

import { createdUserIdOf, targetUserIdOf } from '../http/identity';
import type { AuditTarget } from '../routes';

/** The target of an action that spans profiles (a listing, a lookup). */
export const ANY_PROFILE = '*';
/** The target of an action whose path or body named no possible user id. */
export const NO_PROFILE = '-';

export interface AuditedExchange {
  readonly event: APIGatewayProxyEvent;
  /** The verified caller; undefined when the request never got that far (401). */
  readonly actor: Actor | undefined;
  readonly requestId: string;
  readonly time: Date;
  /** What the route's row says the record names as its target. */
  readonly target: AuditTarget;
  /** Whether the row audits every call (`auditEveryCall`), the owner's own too. */
  readonly everyCall?: boolean;
}

/**
 * The audit record a request calls for, if any: every delete, every call of a route whose row
 * audits every call (an export), and every action an administrator takes on a profile other
 * than their own (listings and lookups included).
 * A caller's own non-delete actions and unauthenticated requests are not audited. The record is
 * written before the action runs, and an action whose record cannot be written is answered 503
 * and not performed: only a record written first cannot miss an action that happened, where
 * one written after could fail once the action is done and can no longer be refused.
 */
export function auditRecordOf({
  event,
  actor,
  requestId,
  time,
  target: targetKind,
  everyCall = false,
}: AuditedExchange): AuditRecord | undefined {
  if (!actor || event.httpMethod === 'OPTIONS') return undefined;
  const always = everyCall || event.httpMethod === 'DELETE';
  // Most requests are a user's own non-deletes: decided before the target is worked out.
  if (!always && !actor.isAdmin) return undefined;
  const target = targetOf(targetKind, event, actor);
  if (!always && target === actor.userId) return undefined;
  return recordOf(event, actor, requestId, time, target);
}

/**
 * The record of a request refused with 403 (`reason` says which refusal), written whoever the
 * caller is, once the refusal is answered: a non-admin's probe of someone else's profile, a
 * listing or a lookup leaves a trace. Shaped like the record before an action (same target
 * rules, so a user's records are found the same way), plus `outcome` and `reason`.
 */
export function refusalRecordOf(
  { event, actor, requestId, time, target }: AuditedExchange & { readonly actor: Actor },
  reason: RefusalReason,
): AuditRecord {
  return { ...recordOf(event, actor, requestId, time, targetOf(target, event, actor)), outcome: 'refused', reason };
}

/** What every record says: when, which request, who (and whether as an admin), what, and on whom. */
function recordOf(
  event: APIGatewayProxyEvent,
  actor: Actor,
  requestId: string,
  time: Date,
  target: string,
): AuditRecord {
  return {
    time: time.toISOString(),
    requestId,
    actor: actor.userId,
    actorIsAdmin: actor.isAdmin,
    action: `${event.httpMethod} ${event.resource}`,
    target: recordable(target),
  };
}

/** The user id the request acts on, as its row says the route reads it. */
function targetOf(kind: AuditTarget, event: APIGatewayProxyEvent, actor: Actor): string {
  switch (kind) {
    case 'path-user':
      try {
        return targetUserIdOf(event, actor);
      } catch {
        return NO_PROFILE;
      }
    case 'named-user': {
      const named = createdUserIdOf(event);
      // Recorded before the body is checked, the id a body names is whatever the client wrote (a
      // name, an address): like every target, the trail stores only its keyed pseudonym.
      return named === undefined ? actor.userId : named === '' ? NO_PROFILE : named;
    }
    case 'any-profile':
      return ANY_PROFILE;
  }
}

/**
 * The target as the policy names it: a path id no profile could have is `-`. Any other id (a
 * legacy one may be an address) leaves here as it is and is stored only as its keyed pseudonym
 * (`pseudonymisedTrail`, docs/security.md): matchable by whoever holds the key, never readable.
 */
function recordable(target: string): string {
  if (target === ANY_PROFILE || target === NO_PROFILE) return target;
  return UserId.isPossible(target) ? target : NO_PROFILE;
}
