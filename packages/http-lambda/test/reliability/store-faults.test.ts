import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { DYNAMODB_CLIENT_DEFAULTS } from '@userprofile/adapters-aws';

const PACKAGE_DIR = path.resolve(__dirname, '../..');

/**
 * The longest a request may take when the store does not answer, from the client's settings:
 * every attempt waits for its connection and its answer, with one short backoff between
 * attempts (the SDK's standard strategy: at most 100 ms x 2^attempt, jittered).
 */
const SDK_BUDGET_MS =
  DYNAMODB_CLIENT_DEFAULTS.maxAttempts *
    (DYNAMODB_CLIENT_DEFAULTS.connectionTimeoutMs + DYNAMODB_CLIENT_DEFAULTS.requestTimeoutMs) +
  200 * (DYNAMODB_CLIENT_DEFAULTS.maxAttempts - 1);
/** For event-loop delay on a 2-core CI machine running other suites: a bound, not a benchmark. */
const MARGIN_MS = 2_000;

describe('store faults under load (persisted dynalite, killed and cut off behind a proxy the test controls)', () => {
  it('gives 503 + Retry-After in bounded time while the store is gone, and every acknowledged write survives', async () => {
    // Act: the scenario runs in its own process (see store-fault-scenario.ts) and reports its findings.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'test/reliability/support/store-fault-scenario.ts'],
      {
        cwd: PACKAGE_DIR,
        timeout: 100_000,
      },
    );
    const findings = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown> & {
      maxFailureMs: number;
      acknowledged: number;
      requests: number;
    };
    process.stdout.write(
      `\nfault figures: ${findings.requests} requests, ${findings.acknowledged} acknowledged, max 503 latency ${findings.maxFailureMs} ms ` +
        `(bound ${SDK_BUDGET_MS} + ${MARGIN_MS} ms), ${JSON.stringify(findings.failedPerOutage)}, canary hits ${String(findings.canaryHits)}\n`,
    );

    // Assess: every failure is a well-formed 503 with Retry-After, within the bound; none while healthy.
    expect(findings).toMatchObject({
      failureStatuses: [503],
      violations: [],
      failedWhileHealthy: 0,
      failedPerOutage: { storeStopped: expect.any(Number), networkCut: expect.any(Number) },
      missingAfterRecovery: [],
      missingAfterRestart: [],
      canaryHits: 0,
      canarySamples: [],
    });
    const { storeStopped, networkCut } = findings.failedPerOutage as { storeStopped: number; networkCut: number };
    expect(Math.min(storeStopped, networkCut)).toBeGreaterThan(0);
    expect(findings.maxFailureMs).toBeLessThan(SDK_BUDGET_MS + MARGIN_MS);
    expect(findings.acknowledged).toBeGreaterThanOrEqual(120);
    expect(findings.logLines).toBeGreaterThanOrEqual(findings.requests);
  }, 120_000);
});
