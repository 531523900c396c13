import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { pseudonymOf, type AuditRecord } from '@userprofile/domain';
import { CANARY, canariesIn, captureProcessLogs } from '@userprofile/testing';

import { FileAuditTrail } from '../../src/file-audit-trail';
import { loadOrCreatePseudonymKey } from '../../src/local-keys';
import { startHarness } from './support/local-server-harness';

/* The local server writes the audit records the deployed service sends to its audit log group,
   to DATA_DIR/audit.log. The audit policy itself is tested with the handlers, in http-lambda. */

/** The file's text once it holds `lines` lines; fails after 10 s, naming what it saw. */
async function textOnceItHasLines(file: string, lines: number): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (text.trimEnd().split('\n').filter(Boolean).length >= lines || Date.now() > deadline) return text;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the local server audit file', () => {
  it("writes the same records to DATA_DIR/audit.log (0600), without personal data, targets as pseudonyms under the data folder's key", async () => {
    // Prepare
    const logs = captureProcessLogs();
    const harness = await startHarness();
    try {
      const owner = await harness.tokenFor('local-audit-owner', { email: CANARY.email });
      const admin = await harness.tokenFor('local-audit-admin', { admin: true });
      const created = await harness.call('POST', '/users', {
        token: owner,
        body: { email: CANARY.email, firstName: CANARY.firstName, lastName: CANARY.lastName },
      });
      expect(created.status).toBe(201);

      // Act
      const read = await harness.call('GET', '/users/local-audit-owner', { token: admin });
      const deleted = await harness.call('DELETE', '/users/local-audit-owner', { token: admin });

      // Assess
      expect([read.status, deleted.status]).toEqual([200, 204]);
      const file = path.join(harness.dataDir, 'audit.log');
      // Each record is written before its action runs.
      const text = await textOnceItHasLines(file, 2);
      const records = text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as AuditRecord);
      // The key the server made in DATA_DIR/keys: `pnpm pseudonym --data-dir` computes with the same.
      const target = pseudonymOf('local-audit-owner', await loadOrCreatePseudonymKey(harness.dataDir));
      expect(target).toMatch(/^hmac-sha256:local:[0-9a-f]{64}$/);
      expect(records.map(({ actor, action, target }) => ({ actor, action, target }))).toEqual([
        { actor: 'local-audit-admin', action: 'GET /users/{userId}', target },
        { actor: 'local-audit-admin', action: 'DELETE /users/{userId}', target },
      ]);
      expect(text).not.toContain('"target":"local-audit-owner"');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(canariesIn(text)).toEqual([]);
    } finally {
      await harness.stop();
      logs.stop();
    }
  });
});

describe('the local audit file', () => {
  it('appends each record as one JSON line to a file only its owner may read (0600)', async () => {
    // Prepare
    const dir = mkdtempSync(path.join(tmpdir(), 'userprofile-audit-'));
    const file = path.join(dir, 'audit.log');
    const trail = new FileAuditTrail(file);
    const record = (requestId: string): AuditRecord => ({
      time: new Date().toISOString(),
      requestId,
      actor: 'a',
      actorIsAdmin: true,
      action: 'DELETE /users/{userId}',
      target: 'b',
    });
    try {
      // Act
      await Promise.all([trail.record(record('r1')), trail.record(record('r2'))]);

      // Assess
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      expect(lines.map((line) => (JSON.parse(line) as AuditRecord).requestId).sort()).toEqual(['r1', 'r2']);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
