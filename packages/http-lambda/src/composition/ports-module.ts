import type { Logger } from '@aws-lambda-powertools/logger';
import {
  AUDIT_TRAIL,
  CLOCK,
  CONFIG_PROVIDER,
  IDEMPOTENCY_STORE,
  systemClock,
  USER_PROFILE_REPOSITORY,
  type AuditTrail,
  type Clock,
  type IdempotencyStore,
  type UserProfileRepository,
} from '@userprofile/domain';
import { ContainerModule, type ServiceIdentifier } from 'inversify';

import {
  DEFAULT_IDEMPOTENCY_SETTINGS,
  IDEMPOTENCY_SETTINGS,
  type IdempotencySettings,
} from '../http/idempotency/idempotency-settings';
import { loggerAuditTrail } from '../audit/logger-audit-trail';
import { IDENTITY_SETTINGS } from '../http/identity';
import { createLogger } from '../logging/logger';
import { SETTINGS_PROVIDER, type SettingsProvider } from '../settings/runtime-settings';

/** The service's root logger; requests log through it with their request id. */
export const LOGGER: ServiceIdentifier<Logger> = Symbol.for('userprofile.http.Logger');

/** Ready-made adapters for the domain's ports, as a runtime that builds its own supplies them. */
export interface PortAdapters {
  readonly repository: UserProfileRepository;
  /** Every runtime setting; the domain's `ConfigProvider` too (it reads its own part). */
  readonly config: SettingsProvider;
  /** @default the system clock */
  readonly clock?: Clock;
  /** @default a logger at INFO */
  readonly logger?: Logger;
  /** Where `Idempotency-Key` records live. @default none: a read-only function never claims a key */
  readonly idempotencyStore?: IdempotencyStore;
  /** @default `DEFAULT_IDEMPOTENCY_SETTINGS` */
  readonly idempotencySettings?: IdempotencySettings;
  /** Where audit records go. @default `audit` lines of the logger */
  readonly audit?: AuditTrail;
  /**
   * The `iss` of the administrators' user pool: only its `admins` group makes an administrator.
   * No default: every runtime names the pool it trusts (Lambda: `ADMIN_ISSUER`).
   */
  readonly adminIssuer: string;
}

/** Binds the ports to given adapters: every runtime's, after it has built them. */
export const portsModule = (adapters: PortAdapters): ContainerModule =>
  new ContainerModule(({ bind }) => {
    const logger = adapters.logger ?? createLogger();
    bind(USER_PROFILE_REPOSITORY).toConstantValue(adapters.repository);
    bind(CONFIG_PROVIDER).toConstantValue(adapters.config);
    bind(SETTINGS_PROVIDER).toConstantValue(adapters.config);
    bind(CLOCK).toConstantValue(adapters.clock ?? systemClock);
    bind(LOGGER).toConstantValue(logger);
    bind(IDEMPOTENCY_STORE).toConstantValue(adapters.idempotencyStore ?? noIdempotencyStore);
    bind(IDEMPOTENCY_SETTINGS).toConstantValue(adapters.idempotencySettings ?? DEFAULT_IDEMPOTENCY_SETTINGS);
    bind(AUDIT_TRAIL).toConstantValue(adapters.audit ?? loggerAuditTrail(logger));
    bind(IDENTITY_SETTINGS).toConstantValue({ adminIssuer: adapters.adminIssuer });
  });

/** Only write routes claim keys (their rows say `idempotent`); a read reaching this is a wiring fault. */
const notConfigured = (): never => {
  throw new Error('this function serves no write: it has no idempotency store');
};
const noIdempotencyStore: IdempotencyStore = { claim: notConfigured, complete: notConfigured, release: notConfigured };
