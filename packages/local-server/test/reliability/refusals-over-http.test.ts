import { readFileSync } from 'node:fs';
import path from 'node:path';

import { pseudonymOf, type AuditRecord } from '@userprofile/domain';
import { CANARY, canariesIn, captureProcessLogs } from '@userprofile/testing';

import { loadOrCreatePseudonymKey } from '../../src/local-keys';
import { startHarness, type LocalServerHarness } from './support/local-server-harness';

/* Every refusal of the local server is traceable as in AWS: a 401 (no identity) is counted on
   its access-log line, a 403 leaves a refusal record in DATA_DIR/audit.log. */

describe('refusals over HTTP (local server)', () => {
  let harness: LocalServerHarness;
  let logs: ReturnType<typeof captureProcessLogs>;

  beforeAll(async () => {
    logs = captureProcessLogs();
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.stop();
    logs.stop();
  });

  it("counts the stand-in authorizer's 401s on their access-log lines, and names nobody", async () => {
    // Prepare
    const token = await harness.tokenFor('local-counted', { email: CANARY.email });
    const before = harness.accessLog.length;

    // Act
    const statuses = [
      (await harness.call('GET', '/users/me')).status,
      (await harness.call('GET', '/users/me', { authorization: 'Bearer not.a.token' })).status,
      (await harness.call('GET', '/users/me', { token })).status,
      (await harness.call('DELETE', '/users/someone', { authorization: `Basic ${CANARY.bearer}` })).status,
    ];

    // Assess
    expect(statuses).toEqual([401, 401, 404, 401]);
    const lines = harness.accessLog.slice(before);
    expect(lines.map((line) => line.unauthorizedRequests)).toEqual([1, 2, undefined, 3]);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(
        expect.arrayContaining(['durationMs', 'method', 'requestId', 'route', 'status']),
      );
      expect(Object.keys(line).every((key) => !/sub|actor|user|ip|address/i.test(key))).toBe(true);
    }
    expect(canariesIn(JSON.stringify(lines))).toEqual([]);
  });

  it("writes a refusal record for a non-admin's forbidden read to DATA_DIR/audit.log", async () => {
    // Prepare
    const prober = await harness.tokenFor('local-prober', { email: CANARY.email });

    // Act
    const listing = await harness.call('GET', '/users', { token: prober });
    const other = await harness.call('GET', '/users/local-someone-else', { token: prober });

    // Assess
    expect([listing.status, other.status]).toEqual([403, 403]);
    const text = readFileSync(path.join(harness.dataDir, 'audit.log'), 'utf8');
    const records = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditRecord)
      .filter((record) => record.actor === 'local-prober');
    expect(records.map(({ action, target, outcome, reason }) => ({ action, target, outcome, reason }))).toEqual([
      { action: 'GET /users', target: '*', outcome: 'refused', reason: 'forbidden' },
      {
        action: 'GET /users/{userId}',
        target: pseudonymOf('local-someone-else', await loadOrCreatePseudonymKey(harness.dataDir)),
        outcome: 'refused',
        reason: 'forbidden',
      },
    ]);
    expect(canariesIn(text)).toEqual([]);
  });
});
