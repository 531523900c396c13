import 'reflect-metadata/lite';

import type { Logger } from '@aws-lambda-powertools/logger';
import {
  ACCOUNT_DIRECTORY,
  AUDIT_TRAIL,
  AUDIT_TRAIL_SEARCH,
  CLOCK,
  IDEMPOTENCY_STORE,
  PSEUDONYM_KEYS,
  USER_PROFILE_EVENT_PUBLISHER,
  USER_PROFILE_REPOSITORY,
  type AccountDirectory,
  type AuditTrail,
  type AuditTrailSearch,
  type Clock,
  type IdempotencyStore,
  type PseudonymKeySource,
  type UserProfileEventPublisher,
  type UserProfileRepository,
} from '@userprofile/domain';
import * as domain from '@userprofile/domain';
import { ContainerModule, type Container } from 'inversify';

import { loggerAuditTrail } from '../audit/logger-audit-trail';
import { ephemeralPseudonymKeys, pseudonymisedTrail } from '../audit/pseudonymised-trail';
import { IDEMPOTENCY_SETTINGS, type IdempotencySettings } from '../http/idempotency/idempotency-settings';
import { IDENTITY_SETTINGS } from '../http/identity';
import { createLogger, LOGGER } from '../logging/logger';
import { loadRouteHandlerClasses } from '../routes/registry';
import { SETTINGS_PROVIDER, type SettingsProvider } from '../settings/runtime-settings';
import { containerOf, proxyHandlerOf, type ProxyHandler } from './container';
import { httpModule } from './http-module';
import { isBuiltFromPorts, useCaseModule } from './use-cases';

export type { ProxyHandler } from './container';

/** The adapters a test (or the bench) gives a runtime that serves every route in one process. */
export interface PortAdapters {
  readonly repository: UserProfileRepository;
  /** Every runtime setting; the domain's `ConfigProvider` too (it reads its own part). */
  readonly config: SettingsProvider;
  /** @default the system clock */
  readonly clock?: Clock;
  /** @default a logger at INFO */
  readonly logger?: Logger;
  /**
   * Where `Idempotency-Key` records live. @default none: a request that claims a key is a wiring
   * fault, and with nothing stored there is nothing to forget
   */
  readonly idempotencyStore?: IdempotencyStore;
  /** The sign-in accounts erasure deletes (the local identity directory, a double). @default none: an erasure is a wiring fault */
  readonly accountDirectory?: AccountDirectory;
  /** Where erasure announces itself (a local echo, a double). @default none: an erasure is a wiring fault */
  readonly eventPublisher?: UserProfileEventPublisher;
  /** @default `DEFAULT_IDEMPOTENCY_SETTINGS` */
  readonly idempotencySettings?: IdempotencySettings;
  /** Where audit records go. @default `audit` lines of the logger */
  readonly audit?: AuditTrail;
  /** The key audit targets are pseudonymised with. @default a random key of this process (`ephemeralPseudonymKeys`) */
  readonly pseudonymKeys?: PseudonymKeySource;
  /**
   * How an export reads the audit trail back (the local server: its audit file).
   * @default a search that finds nothing: the logger's `audit` lines cannot be read back
   */
  readonly auditSearch?: AuditTrailSearch;
  /**
   * The `iss` of the administrators' user pool: only its `admins` group makes an administrator.
   * No default: every runtime names the pool it trusts (Lambda: `ADMIN_ISSUER`).
   */
  readonly adminIssuer: string;
}

/** Binds what the runtime gives, over what every runtime binds the same way (`httpModule`). */
const givenAdapters = (adapters: PortAdapters): ContainerModule =>
  new ContainerModule(({ bind, rebindSync }) => {
    bind(USER_PROFILE_REPOSITORY).toConstantValue(adapters.repository);
    bind(SETTINGS_PROVIDER).toConstantValue(adapters.config);
    if (adapters.clock) rebindSync(CLOCK).toConstantValue(adapters.clock);
    bind(LOGGER).toConstantValue(adapters.logger ?? createLogger());
    bind(IDENTITY_SETTINGS).toConstantValue({ adminIssuer: adapters.adminIssuer });
    // Bound on its own too, for code that computes pseudonyms to search the trail (an export).
    bind(PSEUDONYM_KEYS).toConstantValue(adapters.pseudonymKeys ?? ephemeralPseudonymKeys());
    bind(AUDIT_TRAIL).toResolvedValue(
      (logger: Logger, keys: PseudonymKeySource) =>
        pseudonymisedTrail(adapters.audit ?? loggerAuditTrail(logger), keys),
      [LOGGER, PSEUDONYM_KEYS],
    );
    bind(IDEMPOTENCY_STORE).toConstantValue(adapters.idempotencyStore ?? nothingStored);
    bind(AUDIT_TRAIL_SEARCH).toConstantValue(adapters.auditSearch ?? unreadableTrail);
    bind(ACCOUNT_DIRECTORY).toConstantValue(adapters.accountDirectory ?? notWired('account directory'));
    bind(USER_PROFILE_EVENT_PUBLISHER).toConstantValue(adapters.eventPublisher ?? notWired('event publisher'));
    if (adapters.idempotencySettings) bind(IDEMPOTENCY_SETTINGS).toConstantValue(adapters.idempotencySettings);
  });

const wiringFault = (what: string) => (): never => {
  throw new Error(`this runtime was given no ${what}`);
};
/** No store: claiming a key is a wiring fault; forgetting and reading find nothing, since nothing was kept. */
const nothingStored: IdempotencyStore = {
  claim: wiringFault('idempotency store'),
  complete: wiringFault('idempotency store'),
  release: wiringFault('idempotency store'),
  forgetScope: () => Promise.resolve(),
  forgetSubject: () => Promise.resolve(),
  recordsOf: () => Promise.resolve([]),
};
/** The search of a trail that cannot be read back: it looked nowhere, and says so (since now). */
const unreadableTrail: AuditTrailSearch = {
  recordsNaming: (_targets, now) => Promise.resolve({ records: [], since: now, truncated: false }),
};
/** A port this runtime did not give: using it is a wiring fault (500), never a silent success. */
const notWired = (what: string): AccountDirectory & UserProfileEventPublisher => ({
  hasAccount: wiringFault(what),
  deleteAccount: wiringFault(what),
  publish: wiringFault(what),
});

/**
 * The container of runtimes that serve every route in one process (the local server, tests):
 * the modules every runtime loads, every use case the domain exports (each bound from the ports
 * it names), and the runtime's own modules, which bind its adapters.
 */
export function oneProcessContainer(...runtimeModules: ContainerModule[]): Container {
  const useCases = Object.values<unknown>(domain)
    .filter(isBuiltFromPorts)
    .map((UseCase) => useCaseModule(UseCase));
  return containerOf(httpModule, ...useCases, ...runtimeModules);
}

/** For each function of the route table, the very handler its Lambda function runs, resolved from `container`. */
export function routeHandlersOf(container: Container): ReadonlyMap<string, ProxyHandler> {
  return new Map([...loadRouteHandlerClasses()].map(([name, handler]) => [name, proxyHandlerOf(container, handler)]));
}

/** Every function's handler on the given adapters (tests' doubles, the bench's). Build it once. */
export const createRouteHandlers = (adapters: PortAdapters): ReadonlyMap<string, ProxyHandler> =>
  routeHandlersOf(oneProcessContainer(givenAdapters(adapters)));
