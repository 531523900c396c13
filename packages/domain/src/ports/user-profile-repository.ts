import { portToken } from '../shared/port-token';
import type { Result } from '../shared/result';
import type {
  InvalidCursorError,
  ProfileAlreadyExistsError,
  ProfileNotFoundError,
  StaleVersionError,
} from '../user-profile/errors';
import type { ProfileChange } from '../user-profile/profile-change';
import type { ProfileRevision } from '../user-profile/revision';
import type { UserProfile } from '../user-profile/user-profile';

/** One page of a listing. `nextCursor` is null on the last page. */
export interface ProfilePage {
  readonly items: readonly UserProfile[];
  readonly nextCursor: string | null;
}

export interface PageRequest {
  /** 1 or more; the use case has already applied the configured bounds. */
  readonly limit: number;
  /** An opaque value from a previous page's `nextCursor`. */
  readonly cursor?: string;
}

/**
 * What a write may carry besides the profile: `writeToken` names the request that made it (an
 * `Idempotency-Key` request's token). The store keeps the token of the last write apart from the
 * profile's fields (never in an answer or a change event); a write without one clears it.
 */
export interface WriteOptions {
  readonly writeToken?: string;
}

/** A stored profile and the token of the write that last made or changed it, if that write had one. */
export interface LastWrite {
  readonly profile: UserProfile;
  readonly writeToken?: string;
}

/**
 * Where profiles live. Every write is conditional and none ever creates by accident:
 * `create` fails if the id exists; `applyChange` and `delete` fail if it does not.
 *
 * Implementations throw `StoreUnavailableError` when the store cannot answer (throttling,
 * time-out, connection failure); every other outcome is a returned result.
 */
export interface UserProfileRepository {
  get(userId: string): Promise<UserProfile | undefined>;

  /** The profile and its last write's token, read consistently: how a retry learns whether its first attempt wrote. */
  lastWrite(userId: string): Promise<LastWrite | undefined>;

  create(profile: UserProfile, options?: WriteOptions): Promise<Result<void, ProfileAlreadyExistsError>>;

  /**
   * Applies `change` to the stored profile as one atomic step and returns the profile it made
   * (what `UserProfile.apply` gives for the stored one). Without `expected` it applies to
   * whatever revision is stored, so concurrent changes all land, one on top of the other; with
   * `expected`, only if the stored profile is at that revision: the same version of the same
   * incarnation (optimistic concurrency that a delete and re-create in between cannot fool).
   * A profile stored in an older shape is brought to the current one by the same write.
   */
  applyChange(
    change: ProfileChange,
    expected?: ProfileRevision,
    options?: WriteOptions,
  ): Promise<Result<UserProfile, ProfileNotFoundError | StaleVersionError>>;

  /**
   * Re-keys a profile to the account that claimed it: stores `claimed` at its id, marked as
   * claimed from `from` (the change event says so), and removes `from`, only if `from` is still
   * stored at the revision it was read at and nothing is stored at `claimed`'s id yet. Safe under
   * concurrent claims, retries and a migration moving the same profile: at most one profile comes
   * out of it, and none is lost. `ProfileAlreadyExistsError`: a profile is at the new id (nothing
   * changed); `StaleVersionError` / `ProfileNotFoundError`: `from` changed or went (nothing changed).
   */
  claim(
    from: UserProfile,
    claimed: UserProfile,
  ): Promise<Result<void, ProfileAlreadyExistsError | ProfileNotFoundError | StaleVersionError>>;

  /** With `expected`, only if the stored profile is at that revision. */
  delete(userId: string, expected?: ProfileRevision): Promise<Result<void, ProfileNotFoundError | StaleVersionError>>;

  /**
   * A page of profiles in the store's own stable order. Paging with the returned cursor
   * visits every profile that exists throughout the walk exactly once, even while others
   * are added or removed; a page's cost does not grow with the number of profiles.
   */
  list(page: PageRequest): Promise<Result<ProfilePage, InvalidCursorError>>;

  /**
   * A page of the profiles with this (normalised) email; emails are not unique across profiles.
   * One store request per page, however many share the email; a cursor is bound to its email,
   * so it continues only the lookup that issued it.
   */
  findByEmail(email: string, page: PageRequest): Promise<Result<ProfilePage, InvalidCursorError>>;
}

export const USER_PROFILE_REPOSITORY = portToken<UserProfileRepository>('UserProfileRepository');
