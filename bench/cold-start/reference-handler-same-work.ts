/**
 * The reference handler (see reference-core.ts) that does the remote work of a shipped API
 * function: the settings read, the audit stream's creation and the pseudonym key's read started
 * at init (reference-remote-work.ts), awaited by the first request, the audit record written
 * where the function writes one, with the same official clients.
 */
import { referenceHandler } from './reference-core';
import { startRemoteWorkAtInit } from './reference-remote-work';
import { LAMBDA_ENV } from '../../packages/http-lambda/src/contract/environment';

const { ready, remote } = startRemoteWorkAtInit();

export const handler = referenceHandler(async () => {
  await ready;
  return process.env[LAMBDA_ENV.tableName] ?? 'user-profiles-bench';
}, remote);
