/**
 * The reference handler (see reference-core.ts) that, like the shipped functions, reads its
 * settings from SSM Parameter Store on its first invocation (GetParametersByPath under
 * CONFIG_PREFIX, cached after): the cold-start cost of reading settings at run time, alone.
 */
import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';
import { referenceHandler } from './reference-core';

const ssm = new SSMClient({});
let tableName: Promise<string> | undefined;

const readTableName = async (): Promise<string> => {
  const prefix = process.env.CONFIG_PREFIX ?? '/userprofile/bench/';
  const page = await ssm.send(
    new GetParametersByPathCommand({ Path: prefix.replace(/\/$/, ''), Recursive: true, WithDecryption: true }),
  );
  const found = page.Parameters?.find((p) => p.Name === `${prefix}database/table-name`)?.Value;
  if (!found) throw new Error('no table name under the settings prefix');
  return found;
};

export const handler = referenceHandler(() => (tableName ??= readTableName()));
