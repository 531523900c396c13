import type { Logger } from '@aws-lambda-powertools/logger';
import {
  CloudWatchLogsAuditTrail,
  createCloudWatchLogsClient,
  createDynamoDbDocumentClient,
  createSecretsManagerClient,
  createSsmClient,
  DynamoDbUserProfileRepository,
  SecretsManagerCursorKeys,
  SsmConfigProvider,
  type CursorKeySource,
} from '@userprofile/adapters-aws';

import { describeError } from '../logging/logger';
import type { LambdaEnvironment } from './lambda-environment';
import type { PortAdapters } from './ports-module';

/**
 * The AWS adapters for the domain's ports, built once per cold start: an SDK client (and its
 * connection pool) lives as long as the Lambda execution environment.
 */
export function awsAdapters(env: LambdaEnvironment, logger: Logger): PortAdapters {
  const region = env.region ? { region: env.region } : {};
  return {
    logger,
    repository: new DynamoDbUserProfileRepository({
      client: createDynamoDbDocumentClient(region),
      tableName: env.tableName,
      cursorKeys: cursorKeysOf(env, logger),
    }),
    audit: new CloudWatchLogsAuditTrail({
      client: createCloudWatchLogsClient(region),
      logGroupName: env.auditLogGroup,
    }),
    config: new SsmConfigProvider({
      client: createSsmClient(region),
      prefix: env.configPrefix,
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
