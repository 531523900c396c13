/** The reference handler (see reference-core.ts): its table name from the environment. */
import { referenceHandler } from './reference-core';
import { LAMBDA_ENV } from '../../packages/http-lambda/src/contract/environment';

export const handler = referenceHandler(() => process.env[LAMBDA_ENV.tableName] ?? 'user-profiles-bench');
