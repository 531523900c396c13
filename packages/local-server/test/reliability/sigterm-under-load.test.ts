import { loadOrCreateSigningKeys, type LocalSigningKeys } from '../../src/local-keys';
import { startLocalServer } from '../../src/local-server';
import { issueLocalToken } from '../../src/local-tokens';
import { startCliServer, useCliServers } from '../support/cli-server';
import { CANARY, CanaryScanner, rememberToken } from '@userprofile/testing';

const WORKERS = 8;
const BEFORE_SIGTERM = 60;

interface Created {
  readonly userId: string;
  readonly createdAt: string;
}

describe('SIGTERM to the local server (the real CLI, a child process) under load', () => {
  const cli = useCliServers('reliability-sigterm-');

  it('loses no acknowledged write: every 2xx create is there after a restart on the same data folder', async () => {
    // Prepare: the server as `pnpm start` runs it, every byte it writes scanned for canaries.
    const { dataDir } = cli;
    const env = cli.env('DEBUG');
    const scanner = new CanaryScanner({ keepLines: true });
    const { child, url, exited } = await startCliServer(env, {
      onLine: (line) => scanner.write(`${line}\n`),
      onStderr: (chunk) => scanner.write(chunk),
    });
    const keys: LocalSigningKeys = await loadOrCreateSigningKeys(dataDir);
    const acknowledged: Created[] = [];
    let sigtermSent = false;
    let afterSigterm = 0;
    let refused = 0;
    let onEnough: () => void = () => undefined;
    const enough = new Promise<void>((resolve) => (onEnough = resolve));
    let sequence = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        sequence += 1;
        const userId = `sigterm-${sequence}`;
        const token = rememberToken(await issueLocalToken(keys, { sub: userId, email: CANARY.email }));
        let response: Response;
        try {
          response = await fetch(`${url}/users`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({
              email: CANARY.emailMixedCase,
              firstName: CANARY.firstName,
              lastName: CANARY.lastName,
              phoneNumber: CANARY.phoneNumber,
            }),
          });
        } catch {
          // The server stopped accepting: this request was never acknowledged; this worker is done.
          refused += 1;
          return;
        }
        const body = (await response.json()) as { createdAt?: string };
        if (response.status === 201) {
          acknowledged.push({ userId, createdAt: body.createdAt! });
          if (sigtermSent) afterSigterm += 1;
          if (acknowledged.length >= BEFORE_SIGTERM) onEnough();
        } else if (response.status !== 503) {
          throw new Error(`a create under load answered ${response.status}`);
        }
      }
    };
    const workers = Promise.all(Array.from({ length: WORKERS }, worker));

    // Act
    await enough;
    sigtermSent = true;
    child.kill('SIGTERM');
    const code = await exited;
    await workers;

    // Assess: a clean exit, and after a restart on the same folder every acknowledged create is there.
    expect(code).toBe(0);
    expect(scanner.keptLines).toEqual(expect.arrayContaining(['stopped']));
    const restarted = await startLocalServer({
      port: 0,
      dataDir,
      env: {},
      logLevel: 'SILENT',
      accessLog: () => undefined,
    });
    const missing: string[] = [];
    try {
      const admin = await issueLocalToken(keys, { sub: 'sigterm-admin', admin: true });
      for (const { userId, createdAt } of acknowledged) {
        const read = await fetch(`${restarted.url}/users/${userId}`, { headers: { Authorization: `Bearer ${admin}` } });
        const body = (await read.json()) as { createdAt?: string };
        if (read.status !== 200 || body.createdAt !== createdAt) missing.push(userId);
      }
    } finally {
      await restarted.close();
    }
    process.stdout.write(
      `\nsigterm figures: ${acknowledged.length} acknowledged creates (${afterSigterm} answered after SIGTERM, while draining), ` +
        `${refused} refused once stopped, ${missing.length} missing after restart\n`,
    );
    expect(missing).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(BEFORE_SIGTERM);
    // Personal data: none of it in anything the server wrote (its access log and its handlers' logs).
    const scan = scanner.scan();
    expect(scan.lines).toBeGreaterThan(acknowledged.length);
    expect({ hits: scan.hits, samples: scan.samples }).toEqual({ hits: 0, samples: [] });
  }, 120_000);
});
