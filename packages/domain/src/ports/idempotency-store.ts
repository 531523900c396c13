import { portToken } from '../shared/port-token';

/**
 * Where a request's idempotency key lives: one caller's key never meets another caller's.
 * `scope` is the caller (the token's `sub`), `key` the client's `Idempotency-Key`.
 */
export interface IdempotencyKey {
  readonly scope: string;
  readonly key: string;
}

/** The outcome a completed request left for its repeats, opaque to the store (the HTTP layer serialises it). */
export type StoredOutcome = string;

/**
 * What a completed request leaves for its repeats: its `outcome`, kept until `expiresAt`, and
 * `subject`, the user whose personal data the outcome holds (the profile a stored response
 * carries), so that `forgetSubject` finds it in whichever caller's scope it lies.
 */
export interface Completion {
  readonly outcome: StoredOutcome;
  readonly expiresAt: Date;
  readonly subject?: string;
}

/**
 * What a claim found: the key is free (now ours to execute), or a record already holds it.
 * `unresolvedSince` says that earlier claims of the key expired in flight, with no outcome
 * recorded, the first of them at that time: they may have executed.
 */
export type ClaimResult =
  | { readonly status: 'claimed'; readonly unresolvedSince?: Date }
  | { readonly status: 'in-flight'; readonly fingerprint: string; readonly inFlightUntil: Date }
  | { readonly status: 'completed'; readonly fingerprint: string; readonly outcome: StoredOutcome };

/**
 * A live record of one caller's key, as the store holds it: what an export of that caller shows
 * (a completed request's stored response can hold the profile it wrote, personal data included).
 */
export interface HeldIdempotencyRecord {
  /** The client's `Idempotency-Key`. */
  readonly key: string;
  /** `in-flight` while a request holds the key, `completed` once its outcome is kept. */
  readonly status: 'in-flight' | 'completed';
  /** The kept outcome, as stored; only a completed record has one. */
  readonly outcome?: StoredOutcome;
  /** When the record stops counting (and the store removes it). */
  readonly expiresAt: Date;
}

/**
 * Remembers which requests ran, so that a retried request runs at most once. Modelled on
 * Powertools' idempotency persistence: a conditional claim writes an in-flight marker that
 * expires on its own (a crashed execution does not lock the key forever); completion replaces
 * it with the outcome, kept for the replay window; a release frees the key for a retry.
 * Expiry is judged against the `now` the caller passes, so stores without TTL agree.
 * Faults are thrown (`StoreUnavailableError` when a retry may succeed).
 *
 * No domain rule needs it (only the HTTP layer calls it); it stays in the domain package because
 * its adapter lives in adapters-aws, which may not import http-lambda (dependency-cruiser rule,
 * and a `tsc -b` reference cycle), and the domain is the one package both depend on.
 */
export interface IdempotencyStore {
  /**
   * Claims `key` for one execution unless a live record holds it; at most one of any number
   * of concurrent claims of a free key gets `claimed`. Taking over an expired in-flight marker
   * keeps the time of the first unresolved claim (`unresolvedSince`), however many expire.
   */
  claim(key: IdempotencyKey, fingerprint: string, now: Date, inFlightUntil: Date): Promise<ClaimResult>;
  /** Stores the outcome of the claim with this fingerprint (see `Completion`). */
  complete(key: IdempotencyKey, fingerprint: string, completion: Completion): Promise<void>;
  /**
   * Ends a claim of this fingerprint with no outcome (it may or may not have written): the key
   * is free at once, and the next claim is told `unresolvedSince`, as after an expiry.
   */
  release(key: IdempotencyKey, fingerprint: string): Promise<void>;
  /**
   * Deletes every record of one caller's scope (claims and outcomes): erasure of that caller's
   * account, whose `sub` never comes back. Done when none is left, also when there was none.
   */
  forgetScope(scope: string): Promise<void>;
  /**
   * Deletes every completed outcome about `subject` (as `complete` named it), in any caller's
   * scope: an administrator's stored response about the user goes too. In-flight claims hold no
   * outcome and stay. A repeat of a forgotten key then runs as a new request.
   */
  forgetSubject(subject: string): Promise<void>;
  /**
   * Every live record of one scope (a caller), in key order: expired ones (judged against `now`,
   * as claims are) are left out, since they no longer count even where the store has not removed
   * them yet. Read for an export of what is held about the caller.
   */
  recordsOf(scope: string, now: Date): Promise<readonly HeldIdempotencyRecord[]>;
}

export const IDEMPOTENCY_STORE = portToken<IdempotencyStore>('IdempotencyStore');
