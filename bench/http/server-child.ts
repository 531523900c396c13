/**
 * Bench 4, the server process: the local server (`startLocalServer`, in memory) exactly as
 * `pnpm start` runs it, plus the development tokens the harness drives it with. Its embedded
 * dynalite has no listener (the server calls it on its own thread); the raw baseline runs
 * against a twin of it in a process of its own (see http.ts).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueLocalToken, loadOrCreateSigningKeys, startLocalServer } from '@userprofile/local-server';

export interface ServerChildReady {
  readonly url: string;
  readonly tokens: { readonly reader: string; readonly writers: readonly string[] };
}

const WRITERS = Number(process.env.BENCH_WRITERS ?? '10');

const main = async (): Promise<void> => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'userprofile-bench-http-'));
  const server = await startLocalServer({ port: 0, dataDir, inMemory: true });
  const keys = await loadOrCreateSigningKeys(dataDir);
  // The email profileBody(sub) gives: a non-admin may set only their token's verified email.
  const token = (sub: string) => issueLocalToken(keys, { sub, email: `bench.user.${sub}@example.com` });
  const ready: ServerChildReady = {
    url: server.url,
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
