/**
 * What other services learn when a profile changes. An event names the profile, its revision and
 * which fields changed, never their values: subscribers that need values call the API with their
 * own rights, so no personal data travels on the bus.
 */

/** The event types, as EventBridge `detail-type`s. */
export const USER_PROFILE_EVENT_TYPES = [
  'UserProfileCreated',
  'UserProfileUpdated',
  'UserProfileDeleted',
  'UserProfileClaimed',
  'UserAccountErased',
] as const;

export type UserProfileEventType = (typeof USER_PROFILE_EVENT_TYPES)[number];

/** The profile fields an event can name as changed (the fields a client can set). */
export const PROFILE_EVENT_FIELDS = ['email', 'firstName', 'lastName', 'phoneNumber'] as const;

export type ProfileEventField = (typeof PROFILE_EVENT_FIELDS)[number];

/** The body of every profile event. */
export interface UserProfileEventDetail {
  /** Stable for one change however often it is delivered: consumers deduplicate on it. */
  readonly eventId: string;
  readonly userId: string;
  /** The profile's version after the change (before it, for a deletion). */
  readonly version: number;
  /** The life of the profile id the version belongs to; versions restart with a new incarnation. */
  readonly incarnation: string;
  /** Names of the fields whose value changed, in `PROFILE_EVENT_FIELDS` order. */
  readonly changedFields: readonly ProfileEventField[];
  /** When the store recorded the change: ISO 8601, UTC. */
  readonly occurredAt: string;
}

/** A profile came to exist (its first version of an incarnation). */
export interface UserProfileCreated {
  readonly type: 'UserProfileCreated';
  readonly detail: UserProfileEventDetail;
}

/** At least one field of an existing profile took a new value. */
export interface UserProfileUpdated {
  readonly type: 'UserProfileUpdated';
  readonly detail: UserProfileEventDetail;
}

/** A profile ceased to exist; `version` and `incarnation` are those it had last. */
export interface UserProfileDeleted {
  readonly type: 'UserProfileDeleted';
  readonly detail: UserProfileEventDetail;
}

/**
 * A profile came to exist at its owner's id by being re-keyed from another id at sign-up (see
 * `UserProfileRepository.claim`): a new incarnation whose version continues the old profile's.
 * The removal of the old id is its own `UserProfileDeleted`.
 */
export interface UserProfileClaimed {
  readonly type: 'UserProfileClaimed';
  readonly detail: UserProfileEventDetail & {
    /** The id the profile had before (an id, never personal data). */
    readonly claimedFrom: string;
  };
}

/**
 * A user's account was erased: their profile, their stored responses and their sign-in account
 * are gone. Ids only: consumers erase what they hold about `userId`. Published after the
 * erasure's other steps, and again by a retry that finishes one: `eventId` is the same for every
 * publication about one account, so consumers deduplicate it like any other event.
 */
export interface UserAccountErased {
  readonly type: 'UserAccountErased';
  readonly detail: {
    readonly eventId: string;
    readonly userId: string;
    /** When this publication's erasure finished: ISO 8601, UTC. */
    readonly occurredAt: string;
  };
}

/** What a write to one profile means (the stream's events). */
export type ProfileChangeEvent = UserProfileCreated | UserProfileUpdated | UserProfileDeleted | UserProfileClaimed;

export type UserProfileEvent = ProfileChangeEvent | UserAccountErased;
