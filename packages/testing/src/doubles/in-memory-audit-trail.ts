import type { AuditRecord, AuditRecordsFound, AuditTrail, AuditTrailSearch } from '@userprofile/domain';

/** How far back the double searches unless told otherwise: the Lambda default's 90 days. */
const DEFAULT_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * Keeps every record in order, for tests to read back; searched as the deployed trail is (exact
 * targets, a window of days ending at `now`, at most `cap` records, then `truncated`).
 */
export class InMemoryAuditTrail implements AuditTrail, AuditTrailSearch {
  readonly records: AuditRecord[] = [];

  constructor(private readonly search: { readonly windowDays?: number; readonly cap?: number } = {}) {}

  record(entry: AuditRecord): Promise<void> {
    this.records.push(entry);
    return Promise.resolve();
  }

  recordsNaming(targets: readonly string[], now: Date): Promise<AuditRecordsFound> {
    const since = new Date(now.getTime() - (this.search.windowDays ?? DEFAULT_WINDOW_DAYS) * DAY_MS);
    const found = this.records.filter((entry) => {
      const time = Date.parse(entry.time);
      return targets.includes(entry.target) && time >= since.getTime() && time <= now.getTime();
    });
    const cap = this.search.cap ?? Number.POSITIVE_INFINITY;
    return Promise.resolve({ records: found.slice(0, cap), since, truncated: found.length > cap });
  }
}
