import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

import dynalite from 'dynalite';

/** An engine a test started: where to reach it and how to stop it. */
export interface RunningEngine {
  /** e.g. `http://127.0.0.1:43123` */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** A dynalite the test started, with its port (to restart on the same one). */
export interface RunningDynalite extends RunningEngine {
  readonly port: number;
}

export interface DynaliteOptions {
  /** A folder for an on-disk store (LevelDB); in memory when omitted. */
  readonly path?: string;
  /** @default a free port */
  readonly port?: number;
}

/**
 * dynalite in this process on a loopback port, in memory unless `path` is given. Tables become
 * ACTIVE at once, so a test can create a fresh table without waiting.
 */
export async function startDynalite(options: DynaliteOptions = {}): Promise<RunningDynalite> {
  const server = dynalite({
    ...(options.path !== undefined && { path: options.path }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * dynalite persisted at `storePath` in a child process, so that `stop()` can kill it mid-request
 * (SIGKILL) the way a crash would; what it acknowledged stays in LevelDB's log.
 */
export async function startDynaliteProcess(storePath: string): Promise<RunningDynalite> {
  const script = `
    const server = require(${JSON.stringify(require.resolve('dynalite'))})({ path: ${JSON.stringify(storePath)}, createTableMs: 0 });
    server.listen(0, '127.0.0.1', () => process.stdout.write('port=' + server.address().port + '\\n'));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = once(child, 'exit');
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /port=(\d+)/.exec(output);
      if (!match) return;
      // Nothing more is read from it: a pipe left open would keep this process alive.
      child.stdout.destroy();
      resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`dynalite exited (${code}) before it listened`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
