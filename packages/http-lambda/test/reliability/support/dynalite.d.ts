// dynalite ships no types; the part the store-backed suites here use. (The package itself has
// no dynalite: the tests take the workspace root's, the local server embeds its own.)
declare module 'dynalite' {
  import type { Server } from 'node:http';

  function dynalite(options?: {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
  }): Server;
  export = dynalite;
}
