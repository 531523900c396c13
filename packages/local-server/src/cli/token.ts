/**
 * `pnpm --silent run token --sub alice [--email a@x.io] [--admin]`: prints a development token the
 * local server accepts (valid 1 hour) and nothing else, so `$(pnpm --silent token ...)` works.
 */
import { parseArgs } from 'node:util';
import { loadOrCreateSigningKeys } from '../local-keys';
import { resolveDataDir } from '../local-settings';
import { issueLocalToken } from '../local-tokens';
import { runCommand } from './command';

const USAGE = `usage: pnpm --silent run token --sub <user id> [--email <address>] [--admin]

  --sub     the caller's user id (the token's subject), required
  --email   the caller's email claim, marked verified (email_verified true): the only email a
            non-admin caller may give their profile
  --admin   signs the caller in through the administrators' pool (its own issuer), in its
            "admins" group; without it, through the end users' pool, whose groups grant nothing

The token is signed with the key in DATA_DIR/keys (default .data/keys at the repository root),
created if absent, and is valid for 1 hour.`;

const parse = (args: string[]): { sub: string; email?: string; admin: boolean } => {
  const { values } = parseArgs({
    args,
    options: { sub: { type: 'string' }, email: { type: 'string' }, admin: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const sub = values.sub?.trim();
  if (!sub) throw new Error('--sub is required and must not be empty');
  if (values.email !== undefined && values.email.trim() === '') throw new Error('--email must not be empty');
  return { sub, ...(values.email !== undefined && { email: values.email.trim() }), admin: values.admin ?? false };
};

runCommand({
  usage: USAGE,
  parse,
  run: async (request) => {
    const keys = await loadOrCreateSigningKeys(resolveDataDir());
    process.stdout.write(`${await issueLocalToken(keys, request)}\n`);
    return 0;
  },
  failure: (error) => `could not issue a token: ${error instanceof Error ? error.message : String(error)}`,
});
