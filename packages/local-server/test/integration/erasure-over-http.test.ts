import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { pseudonymOf, type UserProfileEvent } from '@userprofile/domain';
import { CANARY, canariesIn, startDynalite } from '@userprofile/testing';

import { IDENTITY_DIRECTORY_FILE, LocalIdentityDirectory } from '../../src/local-identity-directory';
import { loadOrCreatePseudonymKey, loadOrCreateSigningKeys, type LocalSigningKeys } from '../../src/local-keys';
import { startLocalServer, type LocalServer } from '../../src/local-server';
import { LOCAL_TABLES } from '../../src/local-settings';
import { issueLocalToken } from '../../src/local-tokens';

/*
 * Erasure as a user of `pnpm start` meets it: an account signed up in the local identity
 * directory, a profile and stored responses holding the user's canary personal data (their own,
 * and an administrator's), then DELETE /users/me/account. Afterwards the token is refused, the
 * profile is gone, the audit record names ids only, and no file of the data folder holds the
 * canaries: the directory, the audit file, and the store's tables (read back through dynalite).
 */
const SUB = 'erasure-e2e-ada';
const canaryProfile = {
  email: CANARY.email,
  firstName: CANARY.firstName,
  lastName: CANARY.lastName,
  phoneNumber: CANARY.phoneNumber,
};

describe('account erasure on the local server, end to end over HTTP', () => {
  let dataDir: string;
  let server: LocalServer;
  let keys: LocalSigningKeys;
  const events: UserProfileEvent[] = [];

  const call = async (method: string, route: string, token: string, options: { body?: unknown; key?: string } = {}) =>
    fetch(`${server.url}${route}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(options.body !== undefined && { 'Content-Type': 'application/json' }),
        ...(options.key && { 'Idempotency-Key': options.key }),
      },
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    });

  /** Every regular file under `folder`, with its bytes as text. */
  const filesUnder = (folder: string): { file: string; text: string }[] =>
    readdirSync(folder).flatMap((name) => {
      const file = path.join(folder, name);
      return statSync(file).isDirectory() ? filesUnder(file) : [{ file, text: readFileSync(file, 'latin1') }];
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'local-erasure-'));
    // Ada signed up: the directory holds her account's attributes (canary data) before the server starts.
    const directory = await LocalIdentityDirectory.open(path.join(dataDir, IDENTITY_DIRECTORY_FILE));
    await directory.signUp({
      sub: SUB,
      email: CANARY.email,
      emailVerified: true,
      givenName: CANARY.firstName,
      familyName: CANARY.lastName,
      phoneNumber: CANARY.phoneNumber,
    });
    server = await startLocalServer({
      port: 0,
      dataDir,
      env: {},
      logLevel: 'SILENT',
      accessLog: () => undefined,
      profileEvents: (event) => events.push(event),
    });
    keys = await loadOrCreateSigningKeys(dataDir);
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('erases the account: token refused after, profile and stored responses gone, ids only in the audit and the event', async () => {
    // Prepare: a token issued a second before, as one the app holds
    const token = await issueLocalToken(keys, { sub: SUB, email: CANARY.email, issuedAt: new Date(Date.now() - 1000) });
    const admin = await issueLocalToken(keys, { sub: 'erasure-e2e-admin', admin: true });
    expect((await call('POST', '/users', token, { body: canaryProfile, key: 'create-1' })).status).toBe(201);
    const fixed = await call('PATCH', `/users/${SUB}`, admin, { body: { lastName: CANARY.lastName }, key: 'fix-1' });
    expect(fixed.status).toBe(200);
    expect((await call('GET', '/users/me', token)).status).toBe(200);

    // Act
    const erased = await call('DELETE', '/users/me/account', token);

    // Assess
    expect(erased.status).toBe(204);
    // The very token the cache accepted a moment ago is refused now, as a deleted Cognito user's is.
    expect((await call('GET', '/users/me', token)).status).toBe(401);
    expect((await call('DELETE', '/users/me/account', token)).status).toBe(401);
    expect((await call('GET', `/users/${SUB}`, admin)).status).toBe(404);
    // A repeat (here an administrator's) finds nothing left, and succeeds.
    expect((await call('DELETE', `/users/${SUB}/account`, admin)).status).toBe(204);
    // A token issued after the erasure (a new sign-in with the same sub cannot happen in Cognito, but
    // `pnpm token` can mint one) is not refused: the directory revokes, it does not gate.
    const later = await issueLocalToken(keys, { sub: SUB, email: CANARY.email, issuedAt: new Date(Date.now() + 2000) });
    expect((await call('GET', '/users/me', later)).status).toBe(404);

    const erasures = events.filter((event) => event.type === 'UserAccountErased');
    expect(erasures.map((event) => event.detail)).toEqual([
      { eventId: `erased:${SUB}`, userId: SUB, occurredAt: expect.any(String) },
      { eventId: `erased:${SUB}`, userId: SUB, occurredAt: expect.any(String) },
    ]);
    expect(events.map((event) => event.type)).toContain('UserProfileDeleted');
    expect(canariesIn(JSON.stringify(events))).toEqual([]);

    const audit = readFileSync(path.join(dataDir, 'audit.log'), 'utf8');
    const erasureRecords = audit
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => record.action === 'DELETE /users/{userId}/account');
    // The target as the trail keeps every target: a keyed pseudonym of the id (issue 32).
    const target = pseudonymOf(SUB, await loadOrCreatePseudonymKey(dataDir));
    expect(erasureRecords).toEqual([
      expect.objectContaining({ actor: SUB, actorIsAdmin: false, target }),
      expect.objectContaining({ actor: 'erasure-e2e-admin', actorIsAdmin: true, target }),
    ]);
    expect(canariesIn(audit)).toEqual([]);
  });

  it('leaves none of the canary data in the data folder: directory, audit file, and the store read back', async () => {
    // Prepare: the server stopped, its files closed
    await server.close();

    // Act: the files as they are (LevelDB's compressed ones too), and the store's tables as dynalite reads them back
    const files = filesUnder(dataDir);
    const store = await startDynalite({ path: path.join(dataDir, 'dynamodb') });
    const client = new DynamoDBClient({
      endpoint: store.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    let stored: string;
    try {
      const scans = await Promise.all(
        [LOCAL_TABLES.profiles, LOCAL_TABLES.idempotency].map((TableName) =>
          client.send(new ScanCommand({ TableName })),
        ),
      );
      stored = JSON.stringify(scans.map((scan) => scan.Items));
    } finally {
      client.destroy();
      await store.stop();
    }

    // Assess
    expect(files.map(({ file }) => path.basename(file))).toEqual(
      expect.arrayContaining([IDENTITY_DIRECTORY_FILE, 'audit.log']),
    );
    expect(files.flatMap(({ file, text }) => canariesIn(text).map((hit) => `${path.basename(file)}: ${hit}`))).toEqual(
      [],
    );
    expect(canariesIn(stored)).toEqual([]);
    expect(stored).not.toContain(SUB);
  });
});
