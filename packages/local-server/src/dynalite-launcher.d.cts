// The types of dynalite-launcher.cjs (plain CommonJS; see its header for why).
import type { Server } from 'node:http';

/** Where the store keeps its data, and where it listens. */
export interface DynaliteLaunchOptions {
  /** A LevelDB folder; in memory when omitted. */
  readonly path?: string;
  /** A loopback port. @default a free one */
  readonly port?: number;
}

/** A dynalite serving on loopback. */
export interface RunningDynalite {
  /** e.g. `http://127.0.0.1:43123` */
  readonly endpoint: string;
  readonly port: number;
  /** Closes it, after its pending writes for a store in a folder. */
  stop(): Promise<void>;
}

/** A dynalite in a child process. */
export interface DynaliteProcess extends RunningDynalite {
  /** Sends `signal` (`SIGKILL` to crash it mid-request) and waits for the process to end. @default 'SIGTERM' */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** dynalite with the repository's settings, not listening; rejects naming why LevelDB cannot open `path`. */
export function openDynalite(options?: Pick<DynaliteLaunchOptions, 'path'>): Promise<Server>;

/** Closes a store from `openDynalite`, listening or not, once its pending writes are on disk. */
export function closeDynalite(server: Server): Promise<void>;

/** dynalite in this process on a loopback port. */
export function startDynalite(options?: DynaliteLaunchOptions): Promise<RunningDynalite>;

/** dynalite in a child process on a loopback port; it ends with this process. */
export function startDynaliteProcess(options?: DynaliteLaunchOptions): Promise<DynaliteProcess>;

/** Rewrites a closed store's LevelDB folder with only its live data (deleted values leave the files). */
export function compactStore(folder: string): Promise<void>;
