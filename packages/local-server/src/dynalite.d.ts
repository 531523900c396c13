// dynalite ships no types; this is the part of its API the local server uses.
declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** LevelDB folder; omitted: kept in memory. */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }

  /** An http.Server whose `close` also closes the store, after its pending writes. */
  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}
