import { open } from 'node:fs/promises';

import type { AuditRecord, AuditTrail } from '@userprofile/domain';

/**
 * `AuditTrail` as JSON lines appended to one file (the local server's `DATA_DIR/audit.log`),
 * created 0600: the same records the deployed service writes to its audit log group. Each
 * record is one `appendFile`-style write of a whole line, finished before the request is answered.
 */
export class FileAuditTrail implements AuditTrail {
  constructor(private readonly path: string) {}

  async record(entry: AuditRecord): Promise<void> {
    const file = await open(this.path, 'a', 0o600);
    try {
      await file.writeFile(`${JSON.stringify(entry)}\n`, 'utf8');
      await file.datasync();
    } finally {
      await file.close();
    }
  }
}
