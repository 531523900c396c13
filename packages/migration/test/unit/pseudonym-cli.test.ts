import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

import { pseudonymOf, type PseudonymKey } from '@userprofile/domain';
import { TEST_PSEUDONYM_KEY } from '@userprofile/testing';

import { runPseudonymCli, type PseudonymCliIo } from '../../src/pseudonym-cli';

const OLDER: PseudonymKey = { id: 'v-older', secret: 'o'.repeat(64) };

/** Runs the command with a secret store that answers the current key, or `OLDER` by its version id. */
async function run(argv: string[], stdin = ''): Promise<{ status: number; stdout: string; asked: unknown[] }> {
  const stdout = new PassThrough();
  const out: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  const asked: unknown[] = [];
  const io: PseudonymCliIo = {
    stdout,
    stderr: new PassThrough(),
    readLine: () => Promise.resolve(stdin),
    readSecret: (secretId, versionId) => {
      asked.push({ secretId, versionId });
      return Promise.resolve(versionId === OLDER.id ? OLDER : TEST_PSEUDONYM_KEY);
    },
  };
  const status = await runPseudonymCli(argv, io);
  return { status, stdout: out.join(''), asked };
}

describe('pnpm pseudonym', () => {
  it("prints the pseudonym the audit trail holds for an id, with the environment's secret", async () => {
    // Act
    const result = await run(['eve.smith@example.org', '--env', 'prod']);

    // Assess
    expect(result).toEqual({
      status: 0,
      stdout: `${pseudonymOf('eve.smith@example.org', TEST_PSEUDONYM_KEY)}\n`,
      asked: [{ secretId: 'userprofile/prod/audit-pseudonym-key', versionId: undefined }],
    });
  });

  it('reads the id from stdin when none is given, and computes with an older key version on request', async () => {
    // Act
    const result = await run(['--env', 'dev', '--version-id', OLDER.id], 'eve.smith@example.org\n');

    // Assess
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${pseudonymOf('eve.smith@example.org', OLDER)}\n`);
  });

  it("computes with the local server's key, offline", async () => {
    // Prepare
    const dataDir = await mkdtemp(join(tmpdir(), 'pseudonym-cli-'));
    await mkdir(join(dataDir, 'keys'));
    await writeFile(join(dataDir, 'keys', 'audit-pseudonym-key'), `${'l'.repeat(43)}\n`);
    try {
      // Act
      const result = await run(['alice', '--data-dir', dataDir]);

      // Assess
      expect(result.stdout).toBe(`${pseudonymOf('alice', { id: 'local', secret: 'l'.repeat(43) })}\n`);
      expect(result.asked).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to guess where the key is: exactly one of --env, --secret and --data-dir', async () => {
    expect((await run(['alice'])).status).toBe(2);
    expect((await run(['alice', '--env', 'dev', '--secret', 'x'])).status).toBe(2);
  });
});
