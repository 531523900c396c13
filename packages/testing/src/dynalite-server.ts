import {
  startDynalite as serveDynalite,
  startDynaliteProcess as serveInAProcess,
} from '@userprofile/local-server/dynalite-launcher';

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
 * dynalite in this process on a loopback port, in memory unless `path` is given, started by the
 * local server's launcher, the one the bench and `pnpm start` use too. Tables become ACTIVE at
 * once, so a test can create a fresh table without waiting.
 */
export const startDynalite = (options: DynaliteOptions = {}): Promise<RunningDynalite> => serveDynalite(options);

/**
 * dynalite persisted at `storePath` in a child process, so that `stop()` can kill it mid-request
 * (SIGKILL) the way a crash would; what it acknowledged stays in LevelDB's log.
 */
export async function startDynaliteProcess(storePath: string): Promise<RunningDynalite> {
  const store = await serveInAProcess({ path: storePath });
  return { endpoint: store.endpoint, port: store.port, stop: () => store.stop('SIGKILL') };
}
