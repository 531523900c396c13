/**
 * The remote work every shipped API function starts at init, done with the same official
 * clients: one SSM GetParameters of its runtime settings under CONFIG_PREFIX, decrypted, and
 * the CreateLogStream of its audit stream (CloudWatchLogsAuditTrail.prepare), and the
 * GetSecretValue of the audit pseudonym key, since every API function may have to write an audit
 * record before it answers.
 */
import { CloudWatchLogsClient, CreateLogStreamCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { randomUUID } from 'node:crypto';

import { RUNTIME_SETTINGS_PARAMETERS } from '../../packages/http-lambda/src/settings/settings-parsers';
import { LAMBDA_ENV } from '../../packages/http-lambda/src/contract/environment';

export const readSettingsAtInit = (): Promise<unknown> => {
  const prefix = process.env[LAMBDA_ENV.configPrefix] ?? '/userprofile/bench/';
  return Promise.all([
    new SSMClient({}).send(
      new GetParametersCommand({
        Names: RUNTIME_SETTINGS_PARAMETERS.map((name) => `${prefix}${name}`),
        WithDecryption: true,
      }),
    ),
    new CloudWatchLogsClient({}).send(
      new CreateLogStreamCommand({ logGroupName: process.env[LAMBDA_ENV.auditLogGroup], logStreamName: randomUUID() }),
    ),
    new SecretsManagerClient({}).send(
      new GetSecretValueCommand({ SecretId: process.env[LAMBDA_ENV.pseudonymSecretArn] }),
    ),
  ]);
};
