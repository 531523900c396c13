import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

const PACKAGE_DIR = path.resolve(__dirname, '../..');
/** What `pnpm start`/`pnpm token` set for tsx (see tsconfig.run.json): the CLI tests run them the same way. */
export const CLI_ENV = { TSX_TSCONFIG_PATH: 'tsconfig.run.json' } as const;

const READY = /^userprofile API listening on (http:\/\/127\.0\.0\.1:\d+)$/;

/** `pnpm start`'s process, as the CLI tests run it. */
export interface CliServer {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  /** The URL from the ready line. */
  readonly url: string;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
}

const running = new Set<ChildProcessByStdio<null, Readable, Readable>>();

/**
 * Spawns `src/cli/start.ts` as `pnpm start` does and resolves once it says it is listening. Every line it
 * prints goes to `onLine` (stdout) and `onStderr`. The process is tracked: call
 * {@link stopCliServers} in `afterEach`, so that a failing test never leaves a server behind
 * for jest to wait on.
 */
export async function startCliServer(
  env: NodeJS.ProcessEnv,
  listeners: { onLine?: (line: string) => void; onStderr?: (chunk: string) => void } = {},
): Promise<CliServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
    cwd: PACKAGE_DIR,
    env: { ...env, ...CLI_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const output: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => listeners.onStderr?.(chunk.toString('utf8')));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      listeners.onLine?.(line);
      const ready = READY.exec(line);
      if (ready?.[1]) resolve(ready[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`the server exited (${code}) before it was ready:\n${output.join('\n')}`)),
    );
  });
  return { child, url, exited };
}

/** Kills every CLI server a test started and has not seen exit, and waits until they are gone. */
export async function stopCliServers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  running.clear();
}

/** What {@link useCliServers} gives the tests of a `describe`. */
export interface CliServerFixture {
  /** The data folder its servers share: made before its tests, removed after them. */
  readonly dataDir: string;
  /** The environment `pnpm start` runs with there: any free port, that data folder, `logLevel`. */
  env(logLevel: string): NodeJS.ProcessEnv;
}

/**
 * For the calling `describe`: a fresh data folder (named from `prefix`) for the CLI servers its
 * tests start, and {@link stopCliServers} after each test.
 */
export function useCliServers(prefix: string): CliServerFixture {
  let dataDir: string | undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  });
  afterEach(stopCliServers);
  afterAll(() => {
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });
  const fixture: CliServerFixture = {
    get dataDir() {
      if (dataDir === undefined) throw new Error('the data folder is made in beforeAll: read it inside a test');
      return dataDir;
    },
    env: (logLevel) => ({
      ...process.env,
      PORT: '0',
      DATA_DIR: fixture.dataDir,
      LOG_LEVEL: logLevel,
    }),
  };
  return fixture;
}

// A last resort if jest tears the worker down without running hooks.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
