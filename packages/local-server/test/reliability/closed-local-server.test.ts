import { execFile } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { keysDir, loadOrCreateSigningKeys } from '../../src/local-keys';
import { startLocalServer, type LocalServer } from '../../src/local-server';
import { LocalSettingsError } from '../../src/local-settings';
import { issueLocalToken } from '../../src/local-tokens';
import { CLI_ENV } from '../support/cli-server';

const PACKAGE_DIR = path.resolve(__dirname, '../..');
const SIGNING_KEY_FILE = 'jwt-signing-key.json';

const start = (dataDir: string, inMemory = false): Promise<LocalServer> =>
  startLocalServer({ port: 0, dataDir, inMemory, env: {}, logLevel: 'SILENT', accessLog: () => undefined });

/** Reads a /proc table, or fails naming it: these checks need Linux's /proc. */
const procTable = (file: string): string[] => {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(1);
  } catch (error) {
    throw new Error(`this check reads ${file} (Linux /proc) to list listening sockets: ${(error as Error).message}`);
  }
};

/** Every socket this process listens on: TCP ports (v4 and v6) and Unix socket paths. */
const listeningSocketsOfThisProcess = (): { tcpPorts: number[]; unixPaths: string[] } => {
  const inodes = new Set(
    readdirSync('/proc/self/fd')
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1];
        } catch {
          return undefined; // closed between listing and reading
        }
      })
      .filter((inode): inode is string => inode !== undefined),
  );
  const tcpPorts = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    procTable(file)
      .map((line) => line.trim().split(/\s+/))
      // st 0A = LISTEN; field 9 is the inode.
      .filter((fields) => fields[3] === '0A' && inodes.has(fields[9] ?? ''))
      .map((fields) => parseInt((fields[1] ?? '').split(':')[1] ?? '', 16)),
  );
  const unixPaths = procTable('/proc/net/unix')
    .map((line) => line.trim().split(/\s+/))
    // Flags 00010000 = __SO_ACCEPTCON (listening); field 6 is the inode, field 7 the path.
    .filter((fields) => fields[3] === '00010000' && inodes.has(fields[6] ?? ''))
    .map((fields) => fields[7] ?? '(abstract)');
  return { tcpPorts, unixPaths };
};

/** Every folder and file under `root` (itself included) with its permission bits. */
const modesUnder = (root: string): { path: string; kind: 'folder' | 'file'; mode: string }[] => {
  const stats = lstatSync(root);
  const here = { path: root, kind: stats.isDirectory() ? ('folder' as const) : ('file' as const) };
  const mode = (stats.mode & 0o777).toString(8);
  if (!stats.isDirectory()) return [{ ...here, mode }];
  return [{ ...here, mode }, ...readdirSync(root).flatMap((name) => modesUnder(path.join(root, name)))];
};

const expectPrivate = (root: string): void => {
  const entries = modesUnder(root);
  expect(entries.filter((entry) => entry.kind === 'file').length).toBeGreaterThan(0);
  expect(entries.filter((entry) => entry.mode !== (entry.kind === 'folder' ? '700' : '600'))).toEqual([]);
};

describe('the local server is closed (issue 12, part 9)', () => {
  let workDir: string;
  let savedUmask: number;

  beforeAll(() => {
    workDir = mkdtempSync(path.join(tmpdir(), 'closed-local-server-'));
    // A permissive umask, as many shells have: the modes must not depend on it.
    savedUmask = process.umask(0o022);
  });

  afterAll(() => {
    process.umask(savedUmask);
    rmSync(workDir, { recursive: true, force: true });
  });

  describe('the embedded store', () => {
    it('listens nowhere: the only socket the server opens is the API port', async () => {
      // Prepare
      const before = listeningSocketsOfThisProcess();
      const server = await start(path.join(workDir, 'store-sockets'));
      try {
        const apiPort = Number(new URL(server.url).port);

        // Act
        const during = listeningSocketsOfThisProcess();

        // Assess: a web page (or another local user) has no port or socket file to find.
        expect(during.tcpPorts.filter((port) => !before.tcpPorts.includes(port))).toEqual([apiPort]);
        expect(during.unixPaths.filter((file) => !before.unixPaths.includes(file))).toEqual([]);
        const health = await fetch(`${server.url}/health`);
        expect(health.status).toBe(200);
        expect(await health.json()).toEqual({ status: 'ok', store: 'ok' });
      } finally {
        await server.close();
      }
    });

    it('is not reachable through the API port with the DynamoDB protocol, even from a page with an Origin', async () => {
      // Prepare
      const server = await start(path.join(workDir, 'store-protocol'), true);
      try {
        // Act
        const response = await fetch(server.url, {
          method: 'POST',
          headers: {
            Origin: 'https://evil.example',
            'Content-Type': 'application/x-amz-json-1.0',
            'X-Amz-Target': 'DynamoDB_20120810.Scan',
            Authorization: 'AWS4-HMAC-SHA256 Credential=x/20200101/us-east-1/dynamodb/aws4_request, Signature=0',
          },
          body: JSON.stringify({ TableName: 'user-profiles-local' }),
        });

        // Assess
        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
        expect(await response.text()).not.toMatch(/Items|user-profiles/);
      } finally {
        await server.close();
      }
    });
  });

  describe('odd query and header names', () => {
    let server: LocalServer;
    let token: string;

    beforeAll(async () => {
      const dataDir = path.join(workDir, 'odd-names');
      server = await start(dataDir, true);
      token = await issueLocalToken(await loadOrCreateSigningKeys(dataDir), { sub: 'odd', email: 'odd@example.com' });
      const created = await fetch(`${server.url}/users`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'odd@example.com', firstName: 'Odd', lastName: 'Names' }),
      });
      expect(created.status).toBe(201);
    });

    afterAll(() => server?.close());

    it.each([
      'constructor=1',
      '__proto__=x',
      'toString=1',
      'hasOwnProperty=1',
      'constructor=1&constructor=2',
      'valueOf',
    ])('GET /users/me?%s answers as without it', async (query) => {
      // Act
      const response = await fetch(`${server.url}/users/me?${query}`, {
        headers: { Authorization: `Bearer ${token}` },
      });

      // Assess
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ userId: 'odd', firstName: 'Odd' });
    });

    it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
      'a header named %s gets a normal answer',
      async (name) => {
        // Act
        const response = await fetch(`${server.url}/users/me`, {
          headers: { Authorization: `Bearer ${token}`, [name]: '1' },
        });

        // Assess
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ userId: 'odd' });
      },
    );

    it('answers odd names without a token with 401, not a dropped connection', async () => {
      // Act
      const response = await fetch(`${server.url}/users/me?__proto__=x&constructor=1`, {
        headers: { constructor: '1' },
      });

      // Assess
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
  });

  describe('the data folder', () => {
    it('is created 0700 with every file in it 0600, store files included, whatever the umask', async () => {
      // Prepare: missing parents too.
      const dataDir = path.join(workDir, 'fresh', 'nested', 'data');

      // Act
      const server = await start(dataDir);
      const token = await issueLocalToken(await loadOrCreateSigningKeys(dataDir), {
        sub: 'modes',
        email: 'modes@example.com',
      });
      const created = await fetch(`${server.url}/users`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'modes@example.com', firstName: 'Mo', lastName: 'Des' }),
      });
      const whileRunning = modesUnder(dataDir).filter((entry) => entry.kind === 'folder');
      await server.close();

      // Assess
      expect(created.status).toBe(201);
      expect(whileRunning.filter((entry) => entry.mode !== '700')).toEqual([]);
      expect(readdirSync(dataDir).sort()).toEqual(['dynamodb', 'keys']);
      expectPrivate(dataDir);
      expect((statSync(path.join(workDir, 'fresh')).mode & 0o777).toString(8)).toBe('700');
    });

    it('closes a folder an older version left readable, and everything in it', async () => {
      // Prepare: what a previous version wrote: the store 0755/0644 (its keys were already private).
      const dataDir = path.join(workDir, 'loose');
      const first = await start(dataDir);
      await first.close();
      chmodSync(dataDir, 0o755);
      for (const entry of modesUnder(path.join(dataDir, 'dynamodb'))) {
        chmodSync(entry.path, entry.kind === 'folder' ? 0o755 : 0o644);
      }

      // Act
      const server = await start(dataDir);
      const whileRunning = modesUnder(dataDir);
      await server.close();

      // Assess
      expect(whileRunning.filter((entry) => entry.mode !== (entry.kind === 'folder' ? '700' : '600'))).toEqual([]);
      expectPrivate(dataDir);
    });

    it('that cannot be created stops the server with a message naming it (DATA_DIR=/proc/nope)', async () => {
      // Act
      const started = start('/proc/nope');

      // Assess
      await expect(started).rejects.toThrow(LocalSettingsError);
      await expect(started).rejects.toThrow('/proc/nope');
    });

    it('that is a file, not a folder, stops the server with a message naming it', async () => {
      // Prepare
      const notAFolder = path.join(workDir, 'a-file');
      writeFileSync(notAFolder, '');

      // Act
      const started = start(notAFolder);

      // Assess
      await expect(started).rejects.toThrow(LocalSettingsError);
      await expect(started).rejects.toThrow(`${notAFolder} is not a folder`);
    });

    it('whose store folder LevelDB cannot open stops the server saying why, and leaves the folder unlocked', async () => {
      // Prepare
      const dataDir = path.join(workDir, 'store-not-a-folder');
      const storeFolder = path.join(dataDir, 'dynamodb');
      mkdirSync(dataDir, { mode: 0o700 });
      writeFileSync(storeFolder, '');

      // Act
      const started = start(dataDir);
      const failure = await started.then(
        () => undefined,
        (error: Error) => error,
      );
      rmSync(storeFolder);
      const afterwards = await start(dataDir);
      await afterwards.close();

      // Assess
      expect(failure).toBeInstanceOf(LocalSettingsError);
      expect(failure?.message).toBe(
        `the store in ${storeFolder} could not be opened: LevelDB: EEXIST: file already exists, mkdir '${storeFolder}'`,
      );
      expect(afterwards.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('`pnpm start` with DATA_DIR=/proc/nope exits 1 at once, saying why', async () => {
      // Act
      const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
        cwd: PACKAGE_DIR,
        env: { ...process.env, ...CLI_ENV, PORT: '0', DATA_DIR: '/proc/nope' },
        timeout: 60_000,
      });

      // Assess
      const failure = (await run.then(
        () => ({ code: 0, stderr: '' }),
        (error: { code?: number; stderr?: string; killed?: boolean }) => error,
      )) as { code?: number; stderr?: string; killed?: boolean };
      expect(failure.killed).toBeFalsy();
      expect(failure.code).toBe(1);
      expect(failure.stderr).toMatch(/cannot start the local server: .*\/proc\/nope/);
    }, 90_000);
  });

  describe('key files', () => {
    /** A data folder whose signing key was created by the server, ready to be tampered with. */
    const withKeys = async (name: string): Promise<{ dataDir: string; keyFile: string }> => {
      const dataDir = path.join(workDir, name);
      await loadOrCreateSigningKeys(dataDir);
      return { dataDir, keyFile: path.join(keysDir(dataDir), SIGNING_KEY_FILE) };
    };

    it('are trusted when they are the owner’s alone', async () => {
      // Prepare
      const { dataDir } = await withKeys('keys-good');

      // Act
      const server = await start(dataDir, true);
      await server.close();

      // Assess
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('readable by others stop the server with a message naming the file', async () => {
      // Prepare
      const { dataDir, keyFile } = await withKeys('keys-readable');
      chmodSync(keyFile, 0o644);

      // Act
      const started = start(dataDir, true);

      // Assess
      await expect(started).rejects.toThrow(LocalSettingsError);
      await expect(started).rejects.toThrow(`${keyFile} has mode 0644`);
    });

    it('that are symbolic links stop the server with a message naming the file', async () => {
      // Prepare: the link points at a perfectly private key elsewhere; the link itself is refused.
      const { dataDir, keyFile } = await withKeys('keys-symlink');
      const { keyFile: elsewhere } = await withKeys('keys-elsewhere');
      rmSync(keyFile);
      symlinkSync(elsewhere, keyFile);

      // Act
      const started = start(dataDir, true);

      // Assess
      await expect(started).rejects.toThrow(LocalSettingsError);
      await expect(started).rejects.toThrow(`${keyFile} is a symbolic link`);
    });

    it('owned by another user stop the server with a message naming the file', async () => {
      // Prepare
      const { dataDir, keyFile } = await withKeys('keys-foreign');
      try {
        chownSync(keyFile, 4242, 4242);
      } catch (error) {
        throw new Error(`this check gives a key file to another user, which needs root: ${(error as Error).message}`);
      }

      // Act
      const started = start(dataDir, true);

      // Assess
      await expect(started).rejects.toThrow(LocalSettingsError);
      await expect(started).rejects.toThrow(`${keyFile} belongs to another user`);
    });

    it('a key folder that is not the owner’s alone is closed before a key is written into it', async () => {
      // Prepare
      const dataDir = path.join(workDir, 'keys-open-folder');
      mkdirSync(keysDir(dataDir), { recursive: true, mode: 0o777 });
      chmodSync(keysDir(dataDir), 0o777);

      // Act
      const server = await start(dataDir, true);
      await server.close();

      // Assess
      expectPrivate(keysDir(dataDir));
    });
  });
});
