import { open, readFile } from 'node:fs/promises';

import { DEFAULT_AUDIT_SEARCH_DAYS } from '@userprofile/adapters-aws';
import type { AuditRecord, AuditRecordsFound, AuditTrail, AuditTrailSearch } from '@userprofile/domain';

const DAY_MS = 86_400_000;

/**
 * `AuditTrail` as JSON lines appended to one file (the local server's `DATA_DIR/audit.log`),
 * created 0600: the same records the deployed service writes to its audit log group. Each
 * record is one `appendFile`-style write of a whole line, finished before the request is answered.
 * Searched as the log group is (an export): exact targets, within the same window of days.
 */
export class FileAuditTrail implements AuditTrail, AuditTrailSearch {
  constructor(
    private readonly path: string,
    private readonly windowDays = DEFAULT_AUDIT_SEARCH_DAYS,
  ) {}

  async record(entry: AuditRecord): Promise<void> {
    const file = await open(this.path, 'a', 0o600);
    try {
      await file.writeFile(`${JSON.stringify(entry)}\n`, 'utf8');
      await file.datasync();
    } finally {
      await file.close();
    }
  }

  /** Reads the whole file: a local trail is small, so nothing is left unread (never truncated). */
  async recordsNaming(targets: readonly string[], now: Date): Promise<AuditRecordsFound> {
    const since = new Date(now.getTime() - this.windowDays * DAY_MS);
    const records = (await this.lines())
      .map(recordIn)
      .filter((entry): entry is AuditRecord => entry !== undefined && targets.includes(entry.target))
      .filter((entry) => {
        const time = Date.parse(entry.time);
        return time >= since.getTime() && time <= now.getTime();
      });
    return { records, since, truncated: false };
  }

  private async lines(): Promise<string[]> {
    try {
      return (await readFile(this.path, 'utf8')).split('\n');
    } catch (error) {
      // No file yet: nothing was ever audited here.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}

/** The record a line holds; undefined for an empty line or one being written. */
function recordIn(line: string): AuditRecord | undefined {
  if (line.trim() === '') return undefined;
  try {
    const parsed = JSON.parse(line) as Partial<AuditRecord> | null;
    return typeof parsed?.target === 'string' && typeof parsed.time === 'string' ? (parsed as AuditRecord) : undefined;
  } catch {
    return undefined;
  }
}
