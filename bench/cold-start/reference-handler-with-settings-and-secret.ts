/**
 * The reference handler with settings (see reference-handler-with-settings.ts) that also reads
 * the page-cursor secret from Secrets Manager on its first invocation (one GetSecretValue,
 * beside the settings read, cached after), as the functions that sign cursors do: the
 * cold-start cost of a run-time secret, alone.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { referenceHandler } from './reference-core';

const ssm = new SSMClient({});
const secrets = new SecretsManagerClient({});
let tableName: Promise<string> | undefined;

const readTableName = async (): Promise<string> => {
  const prefix = process.env.CONFIG_PREFIX ?? '/userprofile/bench/';
  const [page, secret] = await Promise.all([
    ssm.send(
      new GetParametersByPathCommand({ Path: prefix.replace(/\/$/, ''), Recursive: true, WithDecryption: true }),
    ),
    secrets.send(new GetSecretValueCommand({ SecretId: process.env.CURSOR_SECRET_ARN })),
  ]);
  if (!secret.SecretString) throw new Error('the cursor secret has no value');
  const found = page.Parameters?.find((p) => p.Name === `${prefix}database/table-name`)?.Value;
  if (!found) throw new Error('no table name under the settings prefix');
  return found;
};

export const handler = referenceHandler(() => (tableName ??= readTableName()));
