import type { Logger } from '@aws-lambda-powertools/logger';
import {
  CLOCK,
  CONFIG_PROVIDER,
  IDEMPOTENCY_STORE,
  systemClock,
  USER_PROFILE_REPOSITORY,
  type Clock,
  type ConfigProvider,
  type IdempotencyStore,
  type UserProfileRepository,
} from '@userprofile/domain';
import { ContainerModule, type ServiceIdentifier } from 'inversify';

import {
  DEFAULT_IDEMPOTENCY_SETTINGS,
  IDEMPOTENCY_SETTINGS,
  type IdempotencySettings,
} from '../http/idempotency/idempotency-settings';
import { createLogger } from '../logging/logger';

/** The service's root logger; requests log through it with their request id. */
export const LOGGER: ServiceIdentifier<Logger> = Symbol.for('userprofile.http.Logger');

/** Ready-made adapters for the domain's ports, as a runtime that builds its own supplies them. */
export interface PortAdapters {
  readonly repository: UserProfileRepository;
  readonly config: ConfigProvider;
  /** @default the system clock */
  readonly clock?: Clock;
  /** @default a logger at INFO */
  readonly logger?: Logger;
  /** Where `Idempotency-Key` records live. */
  readonly idempotencyStore: IdempotencyStore;
  /** @default `DEFAULT_IDEMPOTENCY_SETTINGS` */
  readonly idempotencySettings?: IdempotencySettings;
}

/** Binds the ports to given adapters: every runtime's, after it has built them. */
export const portsModule = (adapters: PortAdapters): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(USER_PROFILE_REPOSITORY).toConstantValue(adapters.repository);
    bind(CONFIG_PROVIDER).toConstantValue(adapters.config);
    bind(CLOCK).toConstantValue(adapters.clock ?? systemClock);
    bind(LOGGER).toConstantValue(adapters.logger ?? createLogger());
    bind(IDEMPOTENCY_STORE).toConstantValue(adapters.idempotencyStore);
    bind(IDEMPOTENCY_SETTINGS).toConstantValue(adapters.idempotencySettings ?? DEFAULT_IDEMPOTENCY_SETTINGS);
  });
