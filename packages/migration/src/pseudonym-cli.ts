import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { createSecretsManagerClient, pseudonymSecretName, readPseudonymKey } from '@userprofile/adapters-aws';
import { pseudonymOf, type PseudonymKey } from '@userprofile/domain';

import { readArguments } from './cli-arguments';

export const PSEUDONYM_USAGE = `Usage: pnpm --silent pseudonym [<userId>] (--env <env> | --secret <id> | --data-dir <dir>) [options]

Prints the audit trail's pseudonym of a user id (hmac-sha256:<key version>:<hex>), to find its
records. Without <userId>, reads it from the first line of stdin (keeps an email out of shell history).

  --env <env>            the key of an environment: the secret ${pseudonymSecretName('<env>')}
  --secret <id>          the pseudonym secret by ARN or name
  --version-id <id>      an older key version (the one a record names), for records made before a rotation
  --region <region>      AWS region (default: the SDK's region chain)
  --data-dir <dir>       the local server's key (<dir>/keys/audit-pseudonym-key; pnpm start's DATA_DIR)
  --help                 this text`;

/** Where the command reads and writes; `pseudonym-main.ts` passes the process's. */
export interface PseudonymCliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** The first line of stdin, when no id is given. */
  readonly readLine: () => Promise<string>;
  /** Reads one version of a secret; injectable for tests. @default Secrets Manager */
  readonly readSecret?: (secretId: string, versionId: string | undefined, region?: string) => Promise<PseudonymKey>;
}

/** Exit statuses: 0 printed, 1 the key could not be read, 2 bad usage. */
export async function runPseudonymCli(argv: readonly string[], io: PseudonymCliIo): Promise<number> {
  const args = readArguments(
    () =>
      parseArgs({
        args: [...argv],
        allowPositionals: true,
        options: {
          env: { type: 'string' },
          secret: { type: 'string' },
          'version-id': { type: 'string' },
          region: { type: 'string' },
          'data-dir': { type: 'string' },
          help: { type: 'boolean', default: false },
        },
      }),
    ({ values }) => values.help,
    PSEUDONYM_USAGE,
    io,
  );
  if ('exitCode' in args) return args.exitCode;
  const { values, positionals } = args.read;
  const sources = [values.env, values.secret, values['data-dir']].filter((value) => value !== undefined);
  if (sources.length !== 1 || positionals.length > 1) {
    io.stderr.write(`Give one of --env, --secret and --data-dir, and at most one id.\n\n${PSEUDONYM_USAGE}\n`);
    return 2;
  }
  const userId = (positionals[0] ?? (await io.readLine())).trim();
  if (userId === '') {
    io.stderr.write('No user id given (as an argument, or on stdin).\n');
    return 2;
  }
  try {
    const key = await keyOf(values, io);
    io.stdout.write(`${pseudonymOf(userId, key)}\n`);
    return 0;
  } catch (error) {
    // The SDK's and the parser's messages name what failed, never the secret's value.
    const { name, message } = error as Error;
    io.stderr.write(`the pseudonym key could not be read: ${name}: ${message}\n`);
    return 1;
  }
}

async function keyOf(values: Record<string, string | boolean | undefined>, io: PseudonymCliIo): Promise<PseudonymKey> {
  const dataDir = values['data-dir'] as string | undefined;
  if (dataDir !== undefined) {
    // The local server's key file (local-keys.ts): its id is `local`.
    const secret = (await readFile(path.join(dataDir, 'keys', 'audit-pseudonym-key'), 'utf8')).trim();
    return { id: 'local', secret };
  }
  const secretId = (values.secret as string | undefined) ?? pseudonymSecretName(values.env as string);
  const versionId = values['version-id'] as string | undefined;
  const region = values.region as string | undefined;
  if (io.readSecret) return io.readSecret(secretId, versionId, region);
  const client = createSecretsManagerClient(region === undefined ? {} : { region });
  try {
    return await readPseudonymKey(client, secretId, versionId);
  } finally {
    client.destroy();
  }
}
