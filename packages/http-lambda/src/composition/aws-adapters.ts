import type { Logger } from '@aws-lambda-powertools/logger';
import {
  createDynamoDbDocumentClient,
  DynamoDbUserProfileRepository,
  signedParametersReader,
  SsmConfigProvider,
} from '@userprofile/adapters-aws';

import { describeError } from '../logging/logger';
import { parseRuntimeSettings, RUNTIME_SETTINGS_PARAMETERS } from '../settings/settings-parsers';
import type { LambdaEnvironment } from './lambda-environment';
import type { PortAdapters } from './ports-module';

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
      cursorSigningKey: env.cursorSigningKey,
    }),
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
