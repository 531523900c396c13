import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { loadOrCreatePseudonymKey, loadOrCreateSigningKeys, type LocalSigningKeys } from '../../src/local-keys';
import { startLocalServer, type LocalServer } from '../../src/local-server';
import {
  createLocalTokenVerifier,
  issueLocalToken,
  LOCAL_ADMIN_TOKEN_ISSUER,
  LOCAL_TOKEN_AUDIENCE,
  LOCAL_TOKEN_ISSUER,
} from '../../src/local-tokens';
import { pseudonymOf } from '@userprofile/domain';
import { userDataExportSchemaErrors } from '@userprofile/testing';

import { CLI_ENV, startCliServer, useCliServers } from '../support/cli-server';

const PACKAGE_DIR = path.resolve(__dirname, '../..');
const PROBLEM = 'application/problem+json';

interface Profile {
  readonly userId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phoneNumber?: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const start = (dataDir: string): Promise<LocalServer> =>
  startLocalServer({ port: 0, dataDir, env: {}, logLevel: 'SILENT', accessLog: () => undefined });

describe('local server, end to end over HTTP', () => {
  let dataDir: string;
  let server: LocalServer;
  let keys: LocalSigningKeys;

  const tokenFor = (sub: string, options: { admin?: boolean; email?: string } = {}) =>
    issueLocalToken(keys, { sub, email: options.email ?? `${sub}@example.com`, admin: options.admin ?? false });

  const call = async (
    method: string,
    route: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response> =>
    fetch(`${server.url}${route}`, {
      method,
      headers: {
        ...(options.token && { Authorization: `Bearer ${options.token}` }),
        ...(options.body !== undefined && { 'Content-Type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body !== undefined && {
        body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      }),
    });

  const createProfile = async (sub: string, fields: Record<string, unknown> = {}): Promise<Profile> => {
    const response = await call('POST', '/users', {
      token: await tokenFor(sub, { email: typeof fields.email === 'string' ? fields.email : `${sub}@example.com` }),
      body: { email: `${sub}@example.com`, firstName: 'Ada', lastName: 'Lovelace', ...fields },
    });
    expect(response.status).toBe(201);
    etags.set(sub, response.headers.get('etag') ?? '');
    return (await response.json()) as Profile;
  };
  /** The ETag each profile was created with, by user id. */
  const etags = new Map<string, string>();
  const ETAG = /^"(\d+)\.([a-z0-9]{16})"$/;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'local-server-e2e-'));
    server = await start(dataDir);
    keys = await loadOrCreateSigningKeys(dataDir);
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('profiles', () => {
    it("creates the caller's profile: 201 with Location, ETag and the profile", async () => {
      // Prepare
      const token = await tokenFor('ada-create', { email: 'ada@example.com' });

      // Act
      const response = await call('POST', '/users', {
        token,
        body: { email: ' Ada@Example.COM ', firstName: 'Ada', lastName: 'Lovelace', phoneNumber: '+447700900123' },
      });

      // Assess
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe('/users/ada-create');
      expect(response.headers.get('etag')).toMatch(ETAG);
      expect(ETAG.exec(response.headers.get('etag') ?? '')?.[1]).toBe('1');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('x-request-id')).toBeTruthy();
      expect(await response.json()).toEqual({
        userId: 'ada-create',
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        phoneNumber: '+447700900123',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        version: 1,
      });
    });

    it('refuses a second create of the same profile with 409', async () => {
      // Prepare
      await createProfile('ada-twice');

      // Act
      const response = await call('POST', '/users', {
        token: await tokenFor('ada-twice', { email: 'ada@example.com' }),
        body: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
      });

      // Assess
      expect(response.status).toBe(409);
      expect(response.headers.get('content-type')).toBe(PROBLEM);
    });

    it('reads a profile by id and as /users/me', async () => {
      // Prepare
      const created = await createProfile('grace-get');
      const token = await tokenFor('grace-get');

      // Act
      const byId = await call('GET', '/users/grace-get', { token });
      const me = await call('GET', '/users/me', { token });

      // Assess
      expect(byId.status).toBe(200);
      expect(byId.headers.get('etag')).toBe(etags.get('grace-get'));
      expect(await byId.json()).toEqual(created);
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual(created);
    });

    it('patches with If-Match, then refuses a stale If-Match with 412 and changes nothing', async () => {
      // Prepare
      await createProfile('ada-patch', { phoneNumber: '+447700900123' });
      const token = await tokenFor('ada-patch');

      // Act
      const read = etags.get('ada-patch')!;
      const patched = await call('PATCH', '/users/me', {
        token,
        body: { firstName: 'Augusta', phoneNumber: null },
        headers: { 'If-Match': read },
      });
      const stale = await call('PATCH', '/users/me', {
        token,
        body: { firstName: 'Stale' },
        headers: { 'If-Match': read },
      });
      const after = await call('GET', '/users/me', { token });

      // Assess
      expect(patched.status).toBe(200);
      expect(patched.headers.get('etag')).toBe(read.replace('"1.', '"2.'));
      const body = (await patched.json()) as Profile;
      expect(body).toMatchObject({ firstName: 'Augusta', lastName: 'Lovelace', version: 2 });
      expect(body.phoneNumber ?? null).toBeNull();
      expect(stale.status).toBe(412);
      expect(stale.headers.get('content-type')).toBe(PROBLEM);
      expect(await after.json()).toMatchObject({ firstName: 'Augusta', version: 2 });
    });

    it('updates with PUT', async () => {
      // Prepare
      await createProfile('ada-put');

      // Act
      const response = await call('PUT', '/users/ada-put', {
        token: await tokenFor('ada-put'),
        body: { lastName: 'King' },
      });

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe(etags.get('ada-put')?.replace('"1.', '"2.'));
      expect(await response.json()).toMatchObject({ userId: 'ada-put', lastName: 'King', version: 2 });
    });

    it('rejects a body with an unknown field with 400 problem+json', async () => {
      // Act
      const response = await call('POST', '/users', {
        token: await tokenFor('ada-unknown'),
        body: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', isAdmin: true },
      });

      // Assess
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe(PROBLEM);
      expect(await response.json()).toMatchObject({ type: '/problems/validation', status: 400 });
    });

    it('deletes with 204, after which the profile is gone', async () => {
      // Prepare
      await createProfile('ada-delete');
      const token = await tokenFor('ada-delete');

      // Act
      const deleted = await call('DELETE', '/users/me', { token, headers: { 'If-Match': etags.get('ada-delete')! } });
      const after = await call('GET', '/users/me', { token });

      // Assess
      expect(deleted.status).toBe(204);
      expect(await deleted.text()).toBe('');
      expect(after.status).toBe(404);
      expect(after.headers.get('content-type')).toBe(PROBLEM);
    });

    it("keeps a caller away from someone else's profile (403) but lets an admin in", async () => {
      // Prepare
      await createProfile('owner-403');

      // Act
      const stranger = await call('GET', '/users/owner-403', { token: await tokenFor('stranger') });
      const admin = await call('GET', '/users/owner-403', { token: await tokenFor('root', { admin: true }) });

      // Assess
      expect(stranger.status).toBe(403);
      expect(admin.status).toBe(200);
    });

    it('lists profiles page by page for an admin, and finds them by email with POST /users/search', async () => {
      // Prepare
      await createProfile('list-a', { email: 'shared@example.com' });
      await createProfile('list-b', { email: 'shared@example.com' });
      const admin = await tokenFor('root', { admin: true });

      // Act
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
        const page = await call('GET', `/users${query}`, { token: admin });
        expect(page.status).toBe(200);
        const body = (await page.json()) as { items: Profile[]; nextCursor: string | null };
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((item) => item.userId));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 50);
      const byEmail = await call('POST', '/users/search', { token: admin, body: { email: 'SHARED@example.com' } });
      const oldForm = await call('GET', '/users?email=shared@example.com', { token: admin });
      const getSearch = await call('GET', '/users/search', { token: admin });
      const notAdmin = await call('GET', '/users', { token: await tokenFor('list-a') });
      const badLimit = await call('GET', '/users?limit=0', { token: admin });

      // Assess
      expect(seen).toEqual(expect.arrayContaining(['list-a', 'list-b']));
      expect(new Set(seen).size).toBe(seen.length);
      expect(pages).toBeGreaterThan(1);
      expect(byEmail.status).toBe(200);
      const found = (await byEmail.json()) as { items: Profile[] };
      expect(found.items.map((item) => item.userId).sort()).toEqual(['list-a', 'list-b']);
      expect(oldForm.status).toBe(400);
      expect(((await oldForm.json()) as { type: string }).type).toBe('/problems/lookup-moved');
      // `/users/search` is a path of its own, not a user id (as in API Gateway): GET is 405 there.
      expect(getSearch.status).toBe(405);
      expect(getSearch.headers.get('allow')).toBe('POST, OPTIONS');
      expect(notAdmin.status).toBe(403);
      expect(badLimit.status).toBe(400);
    });
  });

  describe('export', () => {
    it('hands the owner everything held about them, as a download, the audit file searched too', async () => {
      // Prepare: a keyed create (its response is kept), an administrator's read (audited)
      const owner = await tokenFor('export-owner');
      const admin = await tokenFor('export-admin', { admin: true });
      const created = await call('POST', '/users', {
        token: owner,
        body: { email: 'export-owner@example.com', firstName: 'Ada', lastName: 'Lovelace' },
        headers: { 'Idempotency-Key': 'export-create-1' },
      });
      expect(created.status).toBe(201);
      expect((await call('GET', '/users/export-owner', { token: admin })).status).toBe(200);

      // Act
      const response = await call('GET', '/users/me/export', { token: owner });
      const byAdmin = await call('GET', '/users/export-owner/export', { token: admin });
      const byOther = await call('GET', '/users/export-owner/export', { token: await tokenFor('export-other') });

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('content-disposition')).toMatch(
        /^attachment; filename="userprofile-export-\w+\.json"$/,
      );
      expect(response.headers.get('cache-control')).toBe('no-store');
      const document = (await response.json()) as Record<string, unknown>;
      expect(userDataExportSchemaErrors(document)).toEqual([]);
      expect(document).toMatchObject({
        userId: 'export-owner',
        profile: { userId: 'export-owner', email: 'export-owner@example.com' },
        storedResponses: [{ idempotencyKey: 'export-create-1', status: 'completed', response: { statusCode: 201 } }],
        auditRecordsTruncated: false,
      });
      // The trail names the owner by their pseudonym under the data folder's key.
      const target = pseudonymOf('export-owner', await loadOrCreatePseudonymKey(dataDir));
      expect(document.auditRecords).toEqual([
        expect.objectContaining({ actor: 'export-admin', action: 'GET /users/{userId}', target }),
        expect.objectContaining({ actor: 'export-owner', action: 'GET /users/{userId}/export', target }),
      ]);
      expect(byAdmin.status).toBe(200);
      expect(byOther.status).toBe(403);
    });
  });

  describe('what the gateway answers itself', () => {
    it.each([
      ['no token', async () => undefined],
      [
        'a token signed by another key',
        async () => {
          const otherDir = mkdtempSync(path.join(tmpdir(), 'other-key-'));
          const other = await loadOrCreateSigningKeys(otherDir);
          rmSync(otherDir, { recursive: true, force: true });
          return issueLocalToken(other, { sub: 'mallory' });
        },
      ],
      [
        'an expired token',
        async () => issueLocalToken(keys, { sub: 'ada', issuedAt: new Date(Date.now() - 2 * 3600_000) }),
      ],
      [
        'a token for another audience',
        async () => {
          const now = Math.floor(Date.now() / 1000);
          return new SignJWT({
            sub: 'ada',
            iss: LOCAL_TOKEN_ISSUER,
            aud: `${LOCAL_TOKEN_AUDIENCE}-other`,
            iat: now,
            exp: now + 60,
          })
            .setProtectedHeader({ alg: 'RS256', kid: keys.kid })
            .sign(keys.privateKey);
        },
      ],
      ['a malformed header', async () => 'not a jwt'],
    ])('401 problem+json for %s', async (_name, token) => {
      // Act
      const response = await call('GET', '/users/me', { token: await token() });

      // Assess
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe(PROBLEM);
      expect(response.headers.get('x-request-id')).toBeTruthy();
      expect(await response.json()).toMatchObject({ type: '/problems/unauthorized', status: 401 });
    });

    it('404 for an unknown path and 405 with Allow for a known one with another method', async () => {
      // Prepare
      const token = await tokenFor('ada');

      // Act
      const unknown = await call('GET', '/profiles', { token });
      const wrongMethod = await call('DELETE', '/users', { token });

      // Assess
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toBe(PROBLEM);
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toEqual(expect.stringContaining('POST'));
      expect(await wrongMethod.json()).toMatchObject({ type: '/problems/method-not-allowed' });
    });

    it('answers a CORS preflight without a token', async () => {
      // Act
      const response = await call('OPTIONS', '/users/me', { headers: { Origin: 'https://admin.example.com' } });

      // Assess
      expect(response.status).toBe(204);
      expect(response.headers.get('x-request-id')).toBeTruthy();
    });

    it('413 for a body over 16 KiB', async () => {
      // Act
      const response = await call('POST', '/users', {
        token: await tokenFor('ada-big'),
        body: { email: 'ada@example.com', firstName: 'x'.repeat(17 * 1024), lastName: 'L' },
      });

      // Assess
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ type: '/problems/payload-too-large' });
    });

    it('reports health and serves the OpenAPI document', async () => {
      // Act
      const health = await call('GET', '/health');
      const openapi = await call('GET', '/openapi.json');

      // Assess
      expect(health.status).toBe(200);
      expect(openapi.status).toBe(200);
      const document = (await openapi.json()) as { openapi: string; paths: Record<string, unknown> };
      expect(document.openapi).toMatch(/^3\.1/);
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/users', '/users/{userId}']));
    });
  });

  describe('restart', () => {
    it('serves the same profiles, and honours an earlier cursor, after a restart on the same data folder', async () => {
      // Prepare
      const created = await createProfile('survivor');
      const admin = await tokenFor('root', { admin: true });
      const firstPage = (await (await call('GET', '/users?limit=1', { token: admin })).json()) as {
        nextCursor: string | null;
      };

      // Act
      await server.close();
      server = await start(dataDir);
      const after = await call('GET', '/users/survivor', { token: await tokenFor('survivor') });
      const nextPage = await call('GET', `/users?limit=1&cursor=${encodeURIComponent(firstPage.nextCursor ?? '')}`, {
        token: admin,
      });

      // Assess
      expect(after.status).toBe(200);
      expect(await after.json()).toEqual(created);
      expect(nextPage.status).toBe(200);
    });
  });
});

describe('local server storage', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'local-server-store-'));
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const create = async (server: LocalServer, keys: LocalSigningKeys, sub: string): Promise<Response> =>
    fetch(`${server.url}/users`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await issueLocalToken(keys, { sub, email: `${sub}@example.com` })}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ email: `${sub}@example.com`, firstName: 'Ada', lastName: 'Lovelace' }),
    });

  it('loses no acknowledged write when closed with requests in flight', async () => {
    // Prepare
    const first = await start(dataDir);
    const keys = await loadOrCreateSigningKeys(dataDir);
    const tokens = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        issueLocalToken(keys, { sub: `inflight-${i}`, email: `inflight-${i}@example.com` }),
      ),
    );

    // Act
    const responses = tokens.map((token, i) =>
      fetch(`${first.url}/users`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: `inflight-${i}@example.com`, firstName: 'Ada', lastName: 'Lovelace' }),
      }).then(
        (response) => response.status,
        () => 0,
      ),
    );
    // Close as soon as one write is acknowledged: the others are on their way or in flight.
    await Promise.race(responses);
    const closed = first.close();
    const statuses = await Promise.all(responses);
    await closed;
    const second = await start(dataDir);
    const admin = await issueLocalToken(keys, { sub: 'root', admin: true });
    const listed = (await (
      await fetch(`${second.url}/users?limit=100`, { headers: { Authorization: `Bearer ${admin}` } })
    ).json()) as {
      items: Profile[];
    };
    await second.close();

    // Assess
    const acknowledged = statuses.flatMap((status, i) => (status === 201 ? [`inflight-${i}`] : []));
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(listed.items.map((item) => item.userId)).toEqual(expect.arrayContaining(acknowledged));
  });

  it('keeps nothing with --in-memory, while tokens stay valid', async () => {
    // Prepare
    const startInMemory = () =>
      startLocalServer({ port: 0, dataDir, inMemory: true, env: {}, logLevel: 'SILENT', accessLog: () => undefined });
    const first = await startInMemory();
    const keys = await loadOrCreateSigningKeys(dataDir);
    expect((await create(first, keys, 'ephemeral')).status).toBe(201);

    // Act
    await first.close();
    const second = await startInMemory();
    const again = await create(second, keys, 'ephemeral');
    await second.close();

    // Assess
    expect(again.status).toBe(201);
  });

  it('refuses to start a second server on a data folder in use, naming the problem', async () => {
    // Prepare
    const first = await start(dataDir);

    // Act
    const second = start(dataDir);

    // Assess
    await expect(second).rejects.toThrow(/another local server .* is using the data folder/);
    await first.close();
  });

  it('refuses to start with an invalid setting, naming it', async () => {
    // Act
    const started = startLocalServer({ port: 0, dataDir, env: { MAX_PAGE_SIZE: '0' }, logLevel: 'SILENT' });

    // Assess
    await expect(started).rejects.toThrow(/MAX_PAGE_SIZE/);
  });
});

describe('the real CLI', () => {
  const cli = useCliServers('local-server-cli-');

  it('starts, serves a request with a token from the token CLI, and exits cleanly on SIGTERM', async () => {
    // Prepare
    const { dataDir } = cli;
    const env = cli.env('SILENT');
    const output: string[] = [];
    const { child, url, exited } = await startCliServer(env, { onLine: (line) => output.push(line) });
    const { stdout: token } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/token.ts', '--sub', 'cli-user', '--email', 'cli@example.com'],
      { cwd: PACKAGE_DIR, env: { ...env, ...CLI_ENV } },
    );

    // Act
    const created = await fetch(`${url}/users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token.trim()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'cli@example.com', firstName: 'Cli', lastName: 'User' }),
    });
    child.kill('SIGTERM');
    const code = await exited;

    // Assess
    expect(token.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(created.status).toBe(201);
    expect(output.join('\n')).toContain(`data folder: ${dataDir}`);
    expect(output.join('\n')).toMatch(/curl .*\/users/);
    expect(code).toBe(0);
    expect(output.join('\n')).toContain('stopped');
    expect(output.join('\n')).not.toContain('cli@example.com');
    // What the server acknowledged before SIGTERM is still there after it.
    const again = await start(dataDir);
    try {
      const keys = await loadOrCreateSigningKeys(dataDir);
      const read = await fetch(`${again.url}/users/me`, {
        headers: { Authorization: `Bearer ${await issueLocalToken(keys, { sub: 'cli-user' })}` },
      });
      expect(read.status).toBe(200);
    } finally {
      await again.close();
    }
  }, 30_000);

  it("issues --admin tokens as the administrators' pool would, and others as the end users' pool", async () => {
    // Prepare
    const env = { ...cli.env('SILENT'), ...CLI_ENV };
    const tokenCli = async (...args: string[]) =>
      (
        await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/token.ts', ...args], {
          cwd: PACKAGE_DIR,
          env,
        })
      ).stdout.trim();
    const verify = createLocalTokenVerifier(await loadOrCreateSigningKeys(cli.dataDir));

    // Act
    const admin = await verify(`Bearer ${await tokenCli('--sub', 'cli-admin', '--admin')}`);
    const user = await verify(`Bearer ${await tokenCli('--sub', 'cli-user')}`);

    // Assess
    expect(admin).toEqual({
      ok: true,
      claims: expect.objectContaining({ sub: 'cli-admin', iss: LOCAL_ADMIN_TOKEN_ISSUER, 'cognito:groups': 'admins' }),
    });
    expect(user).toEqual({ ok: true, claims: expect.objectContaining({ sub: 'cli-user', iss: LOCAL_TOKEN_ISSUER }) });
    expect(user.ok && user.claims['cognito:groups']).toBeUndefined();
  }, 30_000);
});
