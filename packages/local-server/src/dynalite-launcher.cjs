// @ts-check
'use strict';
/**
 * The one launcher of dynalite in this repository: it opens the store (in memory, or in a
 * LevelDB folder it checks first), serves it on a loopback port in this process or in a child
 * process, or leaves it without a socket for a caller that hands it requests itself (the local
 * server's store thread, `embedded-store-thread.cjs`), and closes it so that its writes are on
 * disk. The tests (through `@userprofile/testing`), the bench and the local server all start
 * dynalite here, so the store they measure and test is the one the local server runs. The tables
 * are not made here: their definitions live with the adapters that use them
 * (`createServiceTables` in `@userprofile/adapters-aws`), and every caller creates them through
 * its own client, as the local server does against its thread.
 *
 * Why here, and why plain CommonJS:
 * - The local server is the product that embeds dynalite (dependency-cruiser keeps dynalite out of
 *   the other packages' sources), and a product must not import test support; so the launcher
 *   belongs to the local server, and the test support and the bench import it from here
 *   (`@userprofile/local-server/dynalite-launcher`), never the reverse.
 * - Two of its places run without a TypeScript loader: the store's worker thread and the child
 *   process `startDynaliteProcess` forks. Plain CommonJS loads in milliseconds in each.
 * - `packages/testing` can import it without a TypeScript project reference to the local server
 *   (types come from `dynalite-launcher.d.cts`): the local server's tests build on
 *   `packages/testing`, so a reference back would be a cycle for `tsc -b`.
 *
 * Run as a script (`startDynaliteProcess` forks it with its options as JSON), it serves on a
 * loopback port, sends `{ port }` (or `{ error }`) to its parent, and ends with its parent.
 */
const { fork } = require('node:child_process');
const { once } = require('node:events');
const fs = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const dynalite = require('dynalite');
const { Level } = require('level');

/** Loopback only: a store on another interface would be a database open to the network. */
const LOOPBACK = '127.0.0.1';

/** Tables are ACTIVE at once: nothing local needs to wait out DynamoDB's creation delay. */
const TABLE_TIMINGS = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };

/**
 * dynalite opens its LevelDB lazily and, when that fails, throws from a stream on its first
 * call without the reason ("Iterator is not open"); opening the folder once beforehand, with
 * the same LevelDB binding dynalite uses, names it (not a folder, no permission, locked).
 * @param {string} folder
 */
const checkOpens = async (folder) => {
  const db = new Level(folder);
  try {
    await db.open();
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    throw new Error(`LevelDB: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  await db.close();
};

/**
 * dynalite with our settings, not yet listening.
 * @param {{ readonly path?: string }} [options]
 */
const openDynalite = async (options = {}) => {
  if (options.path !== undefined) await checkOpens(options.path);
  return dynalite({ ...(options.path !== undefined && { path: options.path }), ...TABLE_TIMINGS });
};

/**
 * Closes the store after its pending writes. dynalite closes its LevelDB only from its server's
 * `close()`, which Node refuses for a server that never listened; such a store gets a listener
 * for the instant of closing: a Unix socket in a fresh 0700 temporary folder, which nothing but
 * this user can open.
 * @param {import('node:http').Server} server
 */
const closeDynalite = async (server) => {
  const closed = () =>
    new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve(undefined))));
  if (server.listening) {
    server.closeAllConnections();
    return closed();
  }
  const socketDir = await fs.mkdtemp(path.join(os.tmpdir(), 'userprofile-store-'));
  try {
    server.listen(path.join(socketDir, 'store.sock'));
    await once(server, 'listening');
    await closed();
  } finally {
    await fs.rm(socketDir, { recursive: true, force: true });
  }
};

/**
 * dynalite in this process on a loopback port (a free one unless `port` is given).
 * @param {{ readonly path?: string, readonly port?: number }} [options]
 */
const startDynalite = async (options = {}) => {
  const server = await openDynalite(options);
  server.listen(options.port ?? 0, LOOPBACK);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { endpoint: `http://${LOOPBACK}:${port}`, port, stop: () => closeDynalite(server) };
};

/**
 * dynalite in a child process of its own (this file as a script), so that the process that
 * starts it does not also do the store's work, and so that `stop('SIGKILL')` can end it
 * mid-request the way a crash would. It ends with its parent.
 * @param {{ readonly path?: string, readonly port?: number }} [options]
 */
const startDynaliteProcess = async (options = {}) => {
  // No loader flags (tsx, jest's): this file is plain CommonJS.
  const child = fork(__filename, [JSON.stringify(options)], { stdio: 'ignore', execArgv: [] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const port = await new Promise((resolve, reject) => {
    child.once('message', (/** @type {{ port?: number, error?: string }} */ message) =>
      message.port === undefined
        ? reject(new Error(`dynalite did not start: ${message.error}`))
        : resolve(message.port),
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`dynalite exited (${code}) before it listened`)));
  });
  // Neither the channel nor the child keeps the parent alive; the child ends on 'disconnect'.
  child.channel?.unref();
  child.unref();
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    port,
    /** @param {NodeJS.Signals} [signal] */
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) {
        // Held again while it ends: otherwise a caller with nothing else under way would exit first.
        child.ref();
        child.kill(signal);
        await exited;
      }
    },
  };
};

/**
 * Rewrites a closed store's LevelDB files with only what is live: LevelDB keeps a deleted or
 * overwritten value in its files until a compaction reaches it, so an erased user's data would
 * stay on disk. Every key of the store is ASCII, below the byte 0xff that ends the range.
 * @param {string} folder
 */
const compactStore = async (folder) => {
  const db = new Level(folder, { keyEncoding: 'buffer' });
  await db.open();
  try {
    await db.compactRange(Buffer.alloc(0), Buffer.from([0xff]));
  } finally {
    await db.close();
  }
};

module.exports = { closeDynalite, compactStore, openDynalite, startDynalite, startDynaliteProcess };

if (require.main === module) {
  process.on('disconnect', () => process.exit(0));
  startDynalite(JSON.parse(process.argv[2] ?? '{}')).then(
    ({ port }) => process.send?.({ port }),
    // Exits once the parent has the reason: an exit at once could drop the message.
    (error) => {
      const reason = { error: error instanceof Error ? error.message : String(error) };
      if (process.send) process.send(reason, () => process.exit(1));
      else process.exit(1);
    },
  );
}
