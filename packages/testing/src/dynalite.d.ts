// dynalite ships no types; this is the part the test starters use. (The local server keeps its
// own declaration: a package's types stay inside it.)
declare module 'dynalite' {
  import type { Server } from 'node:http';

  /** `path`: a LevelDB folder, in memory when omitted; `*TableMs`: how long a table change takes. */
  type Options = Partial<Record<'createTableMs' | 'deleteTableMs' | 'updateTableMs', number>> & { path?: string };

  function dynalite(options?: Options): Server;
  export = dynalite;
}
