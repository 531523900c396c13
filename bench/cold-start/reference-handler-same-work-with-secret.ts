/**
 * The same-work reference (reference-handler-same-work.ts) of a paged route's function, which
 * also starts the cursor secret's read at init with the official Secrets Manager client.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { referenceHandler } from './reference-core';
import { startRemoteWorkAtInit } from './reference-remote-work';
import { LAMBDA_ENV } from '../../packages/http-lambda/src/contract/environment';

const { ready, remote } = startRemoteWorkAtInit();
const cursorSecret = new SecretsManagerClient({}).send(
  new GetSecretValueCommand({ SecretId: process.env[LAMBDA_ENV.cursorSecretArn] }),
);

export const handler = referenceHandler(async () => {
  const [, secret] = await Promise.all([ready, cursorSecret]);
  if (!secret.SecretString) throw new Error('the cursor secret has no value');
  return process.env[LAMBDA_ENV.tableName] ?? 'user-profiles-bench';
}, remote);
