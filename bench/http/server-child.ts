/**
 * Bench 4, the server process: the local server (`startLocalServer`, in memory) exactly as
 * `pnpm start` runs it, plus what the harness needs to drive it: development tokens, and a
 * loopback port on the server's own embedded dynalite, so that the raw baseline talks to the
 * very same store. The local server gives its store no listener (it calls it in-process); the
 * bench reaches the store object by wrapping the dynalite factory in Node's module cache before
 * the server loads it, and opens that port itself, for the raw baseline only.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import type * as LocalKeysModule from '../../packages/local-server/src/local-keys';
import type * as LocalServerModule from '../../packages/local-server/src/local-server';
import type * as LocalTokensModule from '../../packages/local-server/src/local-tokens';
import path from 'node:path';

export interface ServerChildReady {
  readonly url: string;
  readonly storeEndpoint: string;
  readonly tokens: { readonly reader: string; readonly writers: readonly string[] };
}

const LOCAL_DIR = path.join(__dirname, '..', '..', 'packages', 'local-server', 'src');
const WRITERS = Number(process.env.BENCH_WRITERS ?? '10');

const main = async (): Promise<void> => {
  // CommonJS loading on purpose: the wrapper must sit in the module cache before the server loads.
  const load = createRequire(__filename);
  const dynalitePath = load.resolve('dynalite', { paths: [LOCAL_DIR] });
  const factory = load(dynalitePath) as (...args: unknown[]) => Server;
  const stores: Server[] = [];
  load.cache[dynalitePath]!.exports = (...args: unknown[]) => {
    const store = factory(...args);
    stores.push(store);
    return store;
  };

  const { startLocalServer } = load(path.join(LOCAL_DIR, 'local-server')) as typeof LocalServerModule;
  const { loadOrCreateSigningKeys } = load(path.join(LOCAL_DIR, 'local-keys')) as typeof LocalKeysModule;
  const { issueLocalToken } = load(path.join(LOCAL_DIR, 'local-tokens')) as typeof LocalTokensModule;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'userprofile-bench-http-'));
  const server = await startLocalServer({ port: 0, dataDir, inMemory: true });
  const store = stores[0];
  if (!store) throw new Error('the local server started no embedded dynalite');
  if (store.listening) throw new Error('the embedded dynalite listens on its own: the local server must not open it');
  store.listen(0, '127.0.0.1');
  await once(store, 'listening');
  const keys = await loadOrCreateSigningKeys(dataDir);
  // The email profileBody(sub) gives: a non-admin may set only their token's verified email.
  const token = (sub: string) => issueLocalToken(keys, { sub, email: `bench.user.${sub}@example.com` });
  const ready: ServerChildReady = {
    url: server.url,
    storeEndpoint: `http://127.0.0.1:${(store.address() as AddressInfo).port}`,
    tokens: {
      reader: await token('http-reader'),
      writers: await Promise.all(Array.from({ length: WRITERS }, (_, i) => token(`http-writer-${i}`))),
    },
  };
  process.send!(ready);
  process.once('disconnect', () => void server.close().then(() => process.exit(0)));
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
