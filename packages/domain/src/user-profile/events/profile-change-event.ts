import type { UserProfile, UserProfilePrimitives } from '../user-profile';
import { PROFILE_EVENT_FIELDS, type ProfileChangeEvent, type ProfileEventField } from './user-profile-event';

/**
 * One write to one profile as a store saw it: the profile before and after, either absent
 * (before absent: created; after absent: deleted).
 */
export interface ProfileTransition {
  readonly before: UserProfile | undefined;
  readonly after: UserProfile | undefined;
  /** For a profile that came to exist by a claim: the id it was claimed from (the stored item says so). */
  readonly claimedFrom?: string;
}

/** What identifies the change outside the profile itself: supplied by whoever observed it. */
export interface ProfileEventOrigin {
  /** Deterministic for this change (e.g. from the store's change-log position), for deduplication. */
  readonly eventId: string;
  /** ISO 8601, UTC. */
  readonly occurredAt: string;
}

/**
 * The event a change means, or `undefined` when nothing a client could see changed.
 *
 * Fields are compared by their domain values, so a rewrite that only reshapes a stored item
 * (a legacy item brought to the current shape, the `legacy` incarnation replaced by a real one, a
 * version bump with the same values) is no event: no subscriber could tell the difference by
 * calling the API, except through the ETag. Versions in events may therefore skip numbers.
 */
export function profileChangeEvent(
  transition: ProfileTransition,
  origin: ProfileEventOrigin,
): ProfileChangeEvent | undefined {
  const before = transition.before?.toPrimitives();
  const after = transition.after?.toPrimitives();
  const current = after ?? before;
  if (!current) return undefined;
  const changedFields = PROFILE_EVENT_FIELDS.filter((field) => valueOf(before, field) !== valueOf(after, field));
  if (changedFields.length === 0) return undefined;
  const detail = {
    eventId: origin.eventId,
    userId: current.userId,
    version: current.version,
    incarnation: current.incarnation,
    changedFields,
    occurredAt: origin.occurredAt,
  };
  if (!before && transition.claimedFrom !== undefined) {
    return { type: 'UserProfileClaimed', detail: { ...detail, claimedFrom: transition.claimedFrom } };
  }
  if (!before) return { type: 'UserProfileCreated', detail };
  if (!after) return { type: 'UserProfileDeleted', detail };
  return { type: 'UserProfileUpdated', detail };
}

// An absent profile and an absent phone number both read as "no value".
function valueOf(profile: UserProfilePrimitives | undefined, field: ProfileEventField): string | null {
  return profile?.[field] ?? null;
}
