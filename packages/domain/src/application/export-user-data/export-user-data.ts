import { AUDIT_TRAIL_SEARCH, type AuditRecordsFound, type AuditTrailSearch } from '../../ports/audit-trail-search';
import { CLOCK, type Clock } from '../../ports/clock';
import { IDEMPOTENCY_STORE, type HeldIdempotencyRecord, type IdempotencyStore } from '../../ports/idempotency-store';
import { USER_PROFILE_REPOSITORY, type UserProfileRepository } from '../../ports/user-profile-repository';
import { err, ok, type Result } from '../../shared/result';
import { ProfileNotFoundError } from '../../user-profile/errors';
import type { UserProfile } from '../../user-profile/user-profile';
import { UserId } from '../../user-profile/value-objects/user-id';
import { mayActOn, type Actor } from '../actor';
import { AccessDeniedError } from '../errors';

/** Whose data to export, and the forms in which the audit trail names that user. */
export interface ExportUserDataRequest {
  readonly userId: string;
  /**
   * Every `target` value under which the audit trail records actions on this user (the id
   * itself, its pseudonym): how the trail writes them is the HTTP layer's audit policy.
   */
  readonly auditTargets: readonly string[];
}

/** Everything the service holds about one user (GDPR articles 15 and 20). */
export interface UserDataExport {
  readonly userId: string;
  readonly exportedAt: Date;
  /** The profile, or null when there is none. */
  readonly profile: UserProfile | null;
  /** The user's live `Idempotency-Key` records: the responses kept for repeats of their requests. */
  readonly idempotencyRecords: readonly HeldIdempotencyRecord[];
  /** The audit records that name the user, and how far back the search looked. */
  readonly audit: AuditRecordsFound;
}

export type ExportUserDataError = AccessDeniedError | ProfileNotFoundError;

/**
 * Gathers what is held about one user: the owner's own, or, for an administrator, anyone's.
 * A user without a profile may still have stored responses or audit records (after a delete):
 * the export is then answered with no profile, not refused.
 */
export class ExportUserData {
  /** What its constructor takes, by token, in order (`BuiltFromPorts`): how any runtime builds it. */
  static readonly ports = [USER_PROFILE_REPOSITORY, IDEMPOTENCY_STORE, AUDIT_TRAIL_SEARCH, CLOCK] as const;

  constructor(
    private readonly profiles: UserProfileRepository,
    private readonly idempotency: IdempotencyStore,
    private readonly auditTrail: AuditTrailSearch,
    private readonly clock: Clock,
  ) {}

  async execute(
    actor: Actor,
    { userId, auditTargets }: ExportUserDataRequest,
  ): Promise<Result<UserDataExport, ExportUserDataError>> {
    // Access is decided before anything is read, so a refusal says nothing about what exists.
    if (!mayActOn(actor, userId)) return err(new AccessDeniedError());
    // No store can hold anything under an id the rules refuse.
    if (!UserId.isPossible(userId)) return err(new ProfileNotFoundError(userId));
    const now = this.clock.now();
    // Idempotency records are scoped by the caller's `sub`: the user's own requests.
    const [profile, idempotencyRecords, audit] = await Promise.all([
      this.profiles.get(userId),
      this.idempotency.recordsOf(userId, now),
      this.auditTrail.recordsNaming(auditTargets, now),
    ]);
    return ok({ userId, exportedAt: now, profile: profile ?? null, idempotencyRecords, audit });
  }
}
