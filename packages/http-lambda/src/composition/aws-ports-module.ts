import type { Logger } from '@aws-lambda-powertools/logger';
import {
  createDynamoDbDocumentClient,
  createSsmClient,
  DynamoDbUserProfileRepository,
  SettingsUnavailableError,
  SsmConfigProvider,
} from '@userprofile/adapters-aws';
import {
  CLOCK,
  CONFIG_PROVIDER,
  StoreUnavailableError,
  systemClock,
  USER_PROFILE_REPOSITORY,
  type ConfigProvider,
  type RuntimeSettings,
} from '@userprofile/domain';
import { ContainerModule } from 'inversify';

import { describeError } from '../logging/logger';
import type { LambdaEnvironment } from './lambda-environment';
import { LOGGER } from './tokens';

/** How long a client is asked to wait when the settings cannot be read at all. */
const SETTINGS_RETRY_AFTER_SECONDS = 5;

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
          new SettingsFaultsAsUnavailable(
            new SsmConfigProvider({
              client: createSsmClient(env.region ? { region: env.region } : {}),
              prefix: env.configPrefix,
              onRefreshFailure: (error) => logger.warn('settings refresh failed; serving the last good settings', describeError(error)),
            }),
          ),
      )
      .inSingletonScope();
  });

/**
 * Settings that cannot be read at all (SSM unreachable at cold start) are a passing fault:
 * the client gets 503 + Retry-After, not a 500.
 */
export class SettingsFaultsAsUnavailable implements ConfigProvider {
  constructor(private readonly inner: ConfigProvider) {}

  async get(): Promise<RuntimeSettings> {
    try {
      return await this.inner.get();
    } catch (error) {
      if (error instanceof SettingsUnavailableError) {
        throw new StoreUnavailableError(SETTINGS_RETRY_AFTER_SECONDS, { cause: error });
      }
      throw error;
    }
  }
}
