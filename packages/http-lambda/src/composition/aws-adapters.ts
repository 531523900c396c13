import type { Logger } from '@aws-lambda-powertools/logger';
import {
  CloudWatchLogsAuditTrail,
  createCloudWatchLogsClient,
  createDynamoDbDocumentClient,
  createSecretsManagerClient,
  DynamoDbIdempotencyStore,
  DynamoDbUserProfileRepository,
  SecretsManagerCursorKeys,
  signedParametersReader,
  SsmConfigProvider,
  type CursorKeySource,
} from '@userprofile/adapters-aws';

import type { IdempotencyStore } from '@userprofile/domain';

import { describeError } from '../logging/logger';
import { parseRuntimeSettings, RUNTIME_SETTINGS_PARAMETERS } from '../settings/settings-parsers';
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
  const dynamo = createDynamoDbDocumentClient(region);
  return {
    logger,
    repository: new DynamoDbUserProfileRepository({
      client: dynamo,
      tableName: env.tableName,
      cursorKeys: cursorKeysOf(env, logger),
    }),
    audit: new CloudWatchLogsAuditTrail({
      client: createCloudWatchLogsClient(region),
      logGroupName: env.auditLogGroup,
    }),
    idempotencyStore: env.idempotency
      ? new DynamoDbIdempotencyStore({ client: dynamo, tableName: env.idempotency.tableName })
      : unconfiguredIdempotencyStore,
    ...(env.idempotency && { idempotencySettings: env.idempotency }),
    config: new SsmConfigProvider({
      // The settings are read with the credentials and region the DynamoDB client resolves anyway.
      reader: signedParametersReader({ credentials: dynamo.config.credentials, region: dynamo.config.region }),
      prefix: env.configPrefix,
      names: RUNTIME_SETTINGS_PARAMETERS,
      parse: parseRuntimeSettings,
      onRefreshFailure: (error) =>
        logger.warn('settings refresh failed; serving the last good settings', describeError(error)),
    }),
  };
}

/** A function without the cursor secret serves no paged route: asking it for keys is a wiring fault. */
const noCursorKeys: CursorKeySource = {
  get: () => Promise.reject(new Error('this function has no CURSOR_SECRET_ARN: it cannot sign page cursors')),
};

function cursorKeysOf(env: LambdaEnvironment, logger: Logger): CursorKeySource {
  if (env.cursorSecretArn === undefined) return noCursorKeys;
  return new SecretsManagerCursorKeys({
    client: createSecretsManagerClient(env.region ? { region: env.region } : {}),
    secretId: env.cursorSecretArn,
    onRefreshFailure: (error) =>
      logger.warn('cursor keys refresh failed; using the last good keys', describeError(error)),
  });
}
