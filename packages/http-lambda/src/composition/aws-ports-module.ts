import type { Logger } from '@aws-lambda-powertools/logger';
import {
  createDynamoDbDocumentClient,
  createSsmClient,
  DynamoDbUserProfileRepository,
  SsmConfigProvider,
} from '@userprofile/adapters-aws';
import { CLOCK, CONFIG_PROVIDER, systemClock, USER_PROFILE_REPOSITORY } from '@userprofile/domain';
import { ContainerModule } from 'inversify';

import { describeError } from '../logging/logger';
import type { LambdaEnvironment } from './lambda-environment';
import { LOGGER } from './tokens';

/**
 * The AWS adapters for the domain's ports. Singletons: an SDK client (and its connection
 * pool) lives as long as the Lambda execution environment.
 */
export const awsPortsModule = (env: LambdaEnvironment, logger: Logger): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(LOGGER).toConstantValue(logger);
    bind(CLOCK).toConstantValue(systemClock);
    bind(USER_PROFILE_REPOSITORY)
      .toDynamicValue(
        () =>
          new DynamoDbUserProfileRepository({
            client: createDynamoDbDocumentClient(env.region ? { region: env.region } : {}),
            tableName: env.tableName,
            cursorSigningKey: env.cursorSigningKey,
          }),
      )
      .inSingletonScope();
    bind(CONFIG_PROVIDER)
      .toDynamicValue(
        () =>
          new SsmConfigProvider({
            client: createSsmClient(env.region ? { region: env.region } : {}),
            prefix: env.configPrefix,
            onRefreshFailure: (error) =>
              logger.warn('settings refresh failed; serving the last good settings', describeError(error)),
          }),
      )
      .inSingletonScope();
  });
