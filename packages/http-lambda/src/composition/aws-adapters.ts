import type { Logger } from '@aws-lambda-powertools/logger';
import {
  createDynamoDbDocumentClient,
  createSsmClient,
  DynamoDbIdempotencyStore,
  DynamoDbUserProfileRepository,
  SsmConfigProvider,
} from '@userprofile/adapters-aws';

import type { IdempotencyStore } from '@userprofile/domain';

import { describeError } from '../logging/logger';
import type { LambdaEnvironment } from './lambda-environment';
import type { PortAdapters } from './ports-module';

/** A read-only function's store: only a write route uses one, and the CDK app configures those. */
const unconfiguredIdempotencyStore: IdempotencyStore = {
  claim: notConfigured,
  complete: notConfigured,
  release: notConfigured,
};

function notConfigured(): never {
  throw new Error('this function has no idempotency table (IDEMPOTENCY_TABLE_NAME is not set)');
}

/**
 * The AWS adapters for the domain's ports, built once per cold start: an SDK client (and its
 * connection pool) lives as long as the Lambda execution environment.
 */
export function awsAdapters(env: LambdaEnvironment, logger: Logger): PortAdapters {
  const region = env.region ? { region: env.region } : {};
  const client = createDynamoDbDocumentClient(region);
  return {
    logger,
    repository: new DynamoDbUserProfileRepository({
      client,
      tableName: env.tableName,
      cursorSigningKey: env.cursorSigningKey,
    }),
    idempotencyStore: env.idempotency
      ? new DynamoDbIdempotencyStore({ client, tableName: env.idempotency.tableName })
      : unconfiguredIdempotencyStore,
    ...(env.idempotency && { idempotencySettings: env.idempotency }),
    config: new SsmConfigProvider({
      client: createSsmClient(region),
      prefix: env.configPrefix,
      onRefreshFailure: (error) =>
        logger.warn('settings refresh failed; serving the last good settings', describeError(error)),
    }),
  };
}
