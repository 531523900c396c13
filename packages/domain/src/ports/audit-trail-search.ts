import { portToken } from '../shared/port-token';
import type { AuditRecord } from './audit-trail';

/** What a search of the audit trail found, and how far it looked. */
export interface AuditRecordsFound {
  /** The records found, oldest first. */
  readonly records: readonly AuditRecord[];
  /** The start of the window searched: records older than this were not looked for. */
  readonly since: Date;
  /** Whether the search stopped at its cap before the end of the window (more may exist). */
  readonly truncated: boolean;
}

/**
 * Reads the audit trail back (the log group in AWS, the file locally): the records that name
 * given targets, within a window that ends at `now` and whose length the adapter bounds, since
 * a search of the trail costs in proportion to the time it spans. Faults are thrown.
 *
 * Beside `AuditTrail` for the same reason: its adapters live in adapters-aws and the local server.
 */
export interface AuditTrailSearch {
  /**
   * The records whose `target` is exactly one of `targets` (the forms the trail names one user
   * in: the id, its pseudonym), written within the adapter's window up to `now`.
   */
  recordsNaming(targets: readonly string[], now: Date): Promise<AuditRecordsFound>;
}

export const AUDIT_TRAIL_SEARCH = portToken<AuditTrailSearch>('AuditTrailSearch');
