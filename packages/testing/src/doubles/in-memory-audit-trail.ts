import type { AuditRecord, AuditTrail } from '@userprofile/domain';

/** Keeps every record in order, for tests to read back. */
export class InMemoryAuditTrail implements AuditTrail {
  readonly records: AuditRecord[] = [];

  record(entry: AuditRecord): Promise<void> {
    this.records.push(entry);
    return Promise.resolve();
  }
}
