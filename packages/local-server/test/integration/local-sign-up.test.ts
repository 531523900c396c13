import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { CANARY, canariesIn } from '@userprofile/testing';

import { loadOrCreateSigningKeys } from '../../src/local-keys';
import { IDENTITY_DIRECTORY_FILE } from '../../src/local-identity-directory';
import { LOCAL_SIGN_UP_PATH } from '../../src/local-sign-up';
import { issueLocalToken } from '../../src/local-tokens';
import { CLI_ENV, startCliServer, useCliServers } from '../support/cli-server';

const PACKAGE_DIR = path.resolve(__dirname, '../..');

interface SignUpLine {
  readonly sub: string;
  readonly profile: { readonly kind: string; readonly claimedFrom?: string };
  readonly token?: string;
}

describe('pnpm run sign-up against pnpm start', () => {
  const cli = useCliServers('local-sign-up-');

  /** Runs the sign-up CLI against the server at `url`; resolves with its exit code and output. */
  async function signUp(url: string, env: NodeJS.ProcessEnv, ...args: string[]) {
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'src/cli/sign-up.ts', ...args],
        { cwd: PACKAGE_DIR, env: { ...env, ...CLI_ENV, PORT: new URL(url).port } },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it("claims a legacy profile for the new account, creates one for another, and tells which, with no one's data", async () => {
    // Prepare: the server prints its events; an administrator stores a profile under a key no account has.
    const env = { ...cli.env('SILENT'), LOCAL_EVENTS: 'stdout' };
    const output: string[] = [];
    const { url } = await startCliServer(env, { onLine: (line) => output.push(line) });
    const keys = await loadOrCreateSigningKeys(cli.dataDir);
    const admin = await issueLocalToken(keys, { sub: 'root', admin: true });
    const legacy = await fetch(`${url}/users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: 'legacy-0001', email: CANARY.email, firstName: 'Ada', lastName: 'Lovelace' }),
    });
    expect(legacy.status).toBe(201);

    // Act
    const claimed = await signUp(
      url,
      env,
      '--email',
      CANARY.emailMixedCase,
      '--given-name',
      CANARY.firstName,
      '--token',
    );
    const created = await signUp(
      url,
      env,
      ...['--email', 'someone.new@example.com', '--sub', 'new-0001', '--given-name', 'New', '--family-name', 'Person'],
    );
    const again = await signUp(url, env, '--email', CANARY.email);

    // Assess: what the CLI said
    const claimLine = JSON.parse(claimed.stdout) as SignUpLine;
    expect(claimed.code).toBe(0);
    expect(claimLine.profile).toEqual({ kind: 'claimed', claimedFrom: 'legacy-0001' });
    expect(JSON.parse(created.stdout)).toEqual({ sub: 'new-0001', profile: { kind: 'created' } });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('HTTP 409');
    const { token: _token, ...printed } = claimLine;
    expect(canariesIn(JSON.stringify(printed))).toEqual([]);

    // Assess: the account owns the legacy profile now, at its own id
    const me = await fetch(`${url}/users/me`, { headers: { Authorization: `Bearer ${claimLine.token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ userId: claimLine.sub, firstName: 'Ada', version: 2 });
    const old = await fetch(`${url}/users/legacy-0001`, { headers: { Authorization: `Bearer ${admin}` } });
    expect(old.status).toBe(404);

    // Assess: the events say what happened, without personal data; the user pool is a private file
    const events = output.filter((line) => line.includes('"detail-type"')).map((line) => JSON.parse(line));
    expect(events.map((event) => event['detail-type'])).toEqual([
      'UserProfileCreated',
      'UserProfileClaimed',
      'UserProfileDeleted',
      'UserProfileCreated',
    ]);
    expect(events[1].detail).toMatchObject({ userId: claimLine.sub, claimedFrom: 'legacy-0001' });
    expect(canariesIn(output.join('\n'))).toEqual([]);
    expect(statSync(path.join(cli.dataDir, IDENTITY_DIRECTORY_FILE)).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('takes sign-ups only from a holder of the data folder key, by POST', async () => {
    // Prepare
    const { url } = await startCliServer(cli.env('SILENT'));
    const keys = await loadOrCreateSigningKeys(cli.dataDir);
    const endUser = await issueLocalToken(keys, { sub: 'someone', email: 'someone@example.com' });
    const body = JSON.stringify({ email: 'intruder@example.com' });

    // Act
    const withoutToken = await fetch(`${url}${LOCAL_SIGN_UP_PATH}`, { method: 'POST', body });
    const withEndUserToken = await fetch(`${url}${LOCAL_SIGN_UP_PATH}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${endUser}` },
      body,
    });
    const byGet = await fetch(`${url}${LOCAL_SIGN_UP_PATH}`);

    // Assess
    expect([withoutToken.status, withEndUserToken.status, byGet.status]).toEqual([401, 401, 405]);
  }, 60_000);

  it('says so when no local server is running', async () => {
    const result = await signUp('http://127.0.0.1:9', cli.env('SILENT'), '--email', 'a@example.com');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('start it with pnpm start');
  }, 30_000);
});
