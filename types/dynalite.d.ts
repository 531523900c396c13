// dynalite ships no types; this is the part of its API the workspace uses (the local server,
// the test support that starts an engine). Declared once, included by each package's tsconfig.
declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** A folder for an on-disk (LevelDB) store; in memory when omitted. */
    path?: string;
    /** How long a new table stays CREATING. @default 500 */
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }

  /** An http.Server whose `close` also closes the store, after its pending writes. */
  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}
