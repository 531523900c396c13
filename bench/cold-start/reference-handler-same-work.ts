/**
 * The reference handler (see reference-core.ts) that does the remote work of a shipped API
 * function: the settings read and the audit stream's creation started at init
 * (reference-settings.ts), awaited by the first request, with the same official clients.
 */
import { referenceHandler } from './reference-core';
import { readSettingsAtInit } from './reference-settings';
import { LAMBDA_ENV } from '../../packages/http-lambda/src/contract/environment';

const settings = readSettingsAtInit();

export const handler = referenceHandler(async () => {
  await settings;
  return process.env[LAMBDA_ENV.tableName] ?? 'user-profiles-bench';
});
