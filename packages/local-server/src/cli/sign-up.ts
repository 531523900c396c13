/**
 * `pnpm --silent run sign-up --email a@x.io [--sub <id>] [--given-name …] [--family-name …]
 * [--phone-number …] [--token]`: what confirming a sign-up in Cognito does, on the running local
 * server: the account joins the local user pool and the post-confirmation trigger's handler runs
 * with a Cognito-shaped event. Prints one JSON line: the `sub` and what happened to the profile
 * (created, claimed, …), and with `--token` a token for the account. No attribute is printed.
 */
import { parseArgs } from 'node:util';
import { loadOrCreateSigningKeys } from '../local-keys';
import { resolveDataDir, resolvePort } from '../local-settings';
import { LOCAL_SIGN_UP_PATH, type LocalSignUpRequest } from '../local-sign-up';
import { issueLocalToken } from '../local-tokens';
import { LOCAL_HOST } from '../server-lifecycle';
import { runCommand } from './command';

const USAGE = `usage: pnpm --silent run sign-up --email <address> [--sub <id>] [--given-name <name>]
         [--family-name <name>] [--phone-number <E.164>] [--unverified-email] [--token]

  --email             the account's email, verified as a confirmed sign-up's is (required)
  --sub               the account's id (default: a new uuid, as Cognito makes one)
  --given-name, --family-name, --phone-number   the other attributes the app sends at sign-up
  --unverified-email  the email is not verified: the trigger neither uses nor claims by it
  --token             also print a token for the new account (valid 1 hour)

It needs the local server running (pnpm start, same PORT and DATA_DIR): the account joins its user
pool (DATA_DIR/identity-directory.json) and the post-confirmation trigger runs there. Prints one
JSON line: {"sub", "profile": {"kind": "created" | "claimed" | "already-exists" | "incomplete" |
"ambiguous" | "claim-conflict" | "failed", ...}} and, with --token, "token".`;

interface Options {
  readonly request: LocalSignUpRequest;
  readonly token: boolean;
}

const parse = (args: string[]): Options => {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      sub: { type: 'string' },
      'given-name': { type: 'string' },
      'family-name': { type: 'string' },
      'phone-number': { type: 'string' },
      'unverified-email': { type: 'boolean' },
      token: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  const text = (name: string, value: string | undefined): string | undefined => {
    if (value !== undefined && value.trim() === '') throw new Error(`--${name} must not be empty`);
    return value?.trim();
  };
  const email = text('email', values.email);
  if (email === undefined) throw new Error('--email is required');
  const sub = text('sub', values.sub);
  const givenName = text('given-name', values['given-name']);
  const familyName = text('family-name', values['family-name']);
  const phoneNumber = text('phone-number', values['phone-number']);
  return {
    request: {
      email,
      emailVerified: !values['unverified-email'],
      ...(sub !== undefined && { sub }),
      ...(givenName !== undefined && { givenName }),
      ...(familyName !== undefined && { familyName }),
      ...(phoneNumber !== undefined && { phoneNumber }),
    },
    token: values.token ?? false,
  };
};

const signUp = async (options: Options): Promise<number> => {
  const keys = await loadOrCreateSigningKeys(resolveDataDir());
  // The local endpoint takes an operator's token: one of the local administrators' pool, which
  // only a holder of the data folder's key can sign.
  const operator = await issueLocalToken(keys, { sub: 'local-sign-up', admin: true, lifetimeSeconds: 60 });
  const url = `http://${LOCAL_HOST}:${resolvePort()}${LOCAL_SIGN_UP_PATH}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${operator}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(options.request),
    });
  } catch {
    process.stderr.write(`no local server answers at ${url}: start it with pnpm start (same PORT and DATA_DIR)\n`);
    return 1;
  }
  const answer = (await response.json()) as { sub?: string; profile?: unknown; title?: string };
  if (response.status !== 201 || answer.sub === undefined) {
    process.stderr.write(`the sign-up was refused (HTTP ${response.status}): ${answer.title ?? 'no reason given'}\n`);
    return 1;
  }
  const token =
    options.token &&
    (await issueLocalToken(keys, {
      sub: answer.sub,
      email: options.request.email,
      emailVerified: options.request.emailVerified ?? true,
    }));
  process.stdout.write(`${JSON.stringify({ sub: answer.sub, profile: answer.profile, ...(token && { token }) })}\n`);
  return 0;
};

runCommand({
  usage: USAGE,
  parse,
  run: signUp,
  failure: (error) => `could not sign up: ${error instanceof Error ? error.name : 'error'}`,
});
