import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { AuditRecord } from '@userprofile/domain';

import { FileAuditTrail } from '../../src/file-audit-trail';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const DAY_MS = 86_400_000;

const aRecord = (target: string, daysAgo: number): AuditRecord => ({
  time: new Date(NOW.getTime() - daysAgo * DAY_MS).toISOString(),
  requestId: `req-${target}-${daysAgo}`,
  actor: 'local-admin',
  actorIsAdmin: true,
  action: 'DELETE /users/{userId}',
  target,
});

describe('FileAuditTrail searched as the audit log group is (an export on the local server)', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'audit-search-'));
    file = path.join(dir, 'audit.log');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the records naming the targets within its window of days, in file order', async () => {
    // Prepare
    const trail = new FileAuditTrail(file, 90);
    const recent = aRecord('alice', 1);
    const pseudonymous = aRecord('sha256:alice', 2);
    for (const record of [aRecord('alice', 91), recent, aRecord('bob', 1), pseudonymous]) await trail.record(record);

    // Act
    const found = await trail.recordsNaming(['alice', 'sha256:alice'], NOW);

    // Assess
    expect(found).toEqual({
      records: [recent, pseudonymous],
      since: new Date(NOW.getTime() - 90 * DAY_MS),
      truncated: false,
    });
  });

  it('skips a line still being written, and finds nothing where nothing was ever audited', async () => {
    // Prepare
    const trail = new FileAuditTrail(file);
    const empty = await trail.recordsNaming(['alice'], NOW);
    await trail.record(aRecord('alice', 1));
    appendFileSync(file, '{"time":"2026-12-07T11:00:00.000Z","target":"ali');

    // Act
    const found = await trail.recordsNaming(['alice'], NOW);

    // Assess
    expect(empty.records).toEqual([]);
    expect(found.records).toEqual([aRecord('alice', 1)]);
  });
});
