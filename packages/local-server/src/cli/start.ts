/**
 * `pnpm start`: the API on http://127.0.0.1:3000 (PORT overrides) with its data under
 * `.data` at the repository root (DATA_DIR overrides); `--in-memory` keeps no profiles.
 */
import { parseArgs } from 'node:util';
import { loadOrCreateSigningKeys } from '../local-keys';
import { LocalSettingsError, resolveDataDir, resolvePort } from '../local-settings';
import { startLocalServer, type LocalServer } from '../local-server';
import { issueLocalToken } from '../local-tokens';

const USAGE = `usage: pnpm start [--in-memory]

  --in-memory   keep profiles in memory only (the signing keys still live in the data folder)

environment: PORT (default 3000), DATA_DIR (default .data at the repository root),
  CORS_ALLOWED_ORIGINS, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, REQUIRE_IF_MATCH`;

/** The line a supervisor (or a test) waits for before sending requests. */
const READY_PREFIX = 'userprofile API listening on ';

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

const banner = async (server: LocalServer): Promise<string> => {
  const token = await issueLocalToken(await loadOrCreateSigningKeys(server.dataDir), {
    sub: 'alice',
    email: 'alice@example.com',
  });
  return [
    `${READY_PREFIX}${server.url}`,
    `data folder: ${server.dataDir}${server.inMemory ? ' (keys only: profiles are kept in memory)' : ''}`,
    `node ${process.version}, the runtime the functions deploy on`,
    '',
    'Try it (a token for "alice", valid 1 hour; more with `pnpm --silent run token --sub alice [--email a@x.io] [--admin]`):',
    `  TOKEN=${token}`,
    `  curl -i -X POST ${server.url}/users -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
    `    -d '{"email":"alice@example.com","firstName":"Alice","lastName":"Liddell"}'`,
    `  curl -i ${server.url}/users/me -H "Authorization: Bearer $TOKEN"`,
    '',
    `OpenAPI document: ${server.url}/openapi.json · health: ${server.url}/health`,
    `Ctrl+C stops it (or SIGTERM to pid ${process.pid}: pnpm does not pass SIGTERM on)`,
    '',
  ].join('\n');
};

const main = async (): Promise<number> => {
  // The store writes new files as it runs; whatever the shell's umask, they are the user's alone.
  process.umask(0o077);
  let inMemory: boolean;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { 'in-memory': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    inMemory = values['in-memory'] ?? false;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }

  let server: LocalServer;
  try {
    server = await startLocalServer({ port: resolvePort(), dataDir: resolveDataDir(), inMemory });
  } catch (error) {
    if (error instanceof LocalSettingsError) {
      process.stderr.write(`cannot start the local server: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  process.stdout.write(await banner(server));

  const signal = await new Promise<string>((resolve) => {
    for (const name of SHUTDOWN_SIGNALS) process.once(name, () => resolve(name));
  });
  // A second signal while draining means "now".
  for (const name of SHUTDOWN_SIGNALS) process.once(name, () => process.exit(130));
  process.stdout.write(`${signal}: finishing in-flight requests and closing the store…\n`);
  await server.close();
  process.stdout.write('stopped\n');
  return 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`the local server failed: ${error instanceof Error ? error.name : 'error'}\n`);
    if (process.env.DEBUG) console.error(error);
    process.exit(1);
  },
);
