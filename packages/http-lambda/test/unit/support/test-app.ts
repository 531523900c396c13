import 'reflect-metadata';

import type {
  AuditTrail,
  AuditTrailSearch,
  IdempotencyStore,
  PseudonymKeySource,
  UserProfile,
  UserProfileRepository,
} from '@userprofile/domain';
import {
  FixedClock,
  InMemoryAccountDirectory,
  InMemoryIdempotencyStore,
  InMemoryUserProfileRepository,
  RecordingEventPublisher,
  useCapturedLogs,
  UserProfileMother,
  TEST_ISSUERS,
  type CapturedLogs,
} from '@userprofile/testing';

import { createLogger } from '../../../src/logging/logger';
import {
  StaticSettingsProvider,
  type RuntimeSettings,
  type SettingsProvider,
} from '../../../src/settings/runtime-settings';
import { routeSender, type RouteSender } from './route-sender';

export type { TestResponse } from './route-sender';

export interface TestAppOptions {
  readonly settings?: Partial<RuntimeSettings>;
  /** Swaps the one binding of the settings provider (e.g. for a read still pending, or failing); `settings` is then unused. */
  readonly config?: SettingsProvider;
  /** Swaps the one binding of the repository port (e.g. for a failing store). */
  readonly repository?: UserProfileRepository;
  /** Swaps the one binding of the idempotency store port (e.g. for a failing store). */
  readonly idempotencyStore?: IdempotencyStore;
  /** Where audit records go (e.g. an `InMemoryAuditTrail` to read them back). @default `audit` lines of the logger */
  readonly audit?: AuditTrail;
  /** The key audit targets are pseudonymised with (e.g. `fixedPseudonymKeys()` to compute them). @default a key of this process */
  readonly pseudonymKeys?: PseudonymKeySource;
  /** How an export searches the trail (e.g. the same `InMemoryAuditTrail`). @default one that finds nothing */
  readonly auditSearch?: AuditTrailSearch;
}

/**
 * The test composition root: the same modules as every runtime, on the in-memory repository,
 * a fixed clock and static settings; an option swaps one binding.
 */
export class TestApp {
  readonly repository = new InMemoryUserProfileRepository();
  readonly clock = new FixedClock();
  readonly idempotencyStore = new InMemoryIdempotencyStore();
  /** The user pool erasure deletes accounts from. */
  readonly accounts = new InMemoryAccountDirectory();
  /** The bus erasure announces itself on. */
  readonly bus = new RecordingEventPublisher();
  /** Routes the event as API Gateway would (method + resource), then calls that function. */
  readonly send: RouteSender;

  constructor(options: TestAppOptions = {}) {
    this.send = routeSender({
      repository: options.repository ?? this.repository,
      config: options.config ?? new StaticSettingsProvider(options.settings),
      clock: this.clock,
      logger: createLogger('INFO'),
      idempotencyStore: options.idempotencyStore ?? this.idempotencyStore,
      accountDirectory: this.accounts,
      eventPublisher: this.bus,
      adminIssuer: TEST_ISSUERS.admins,
      ...(options.audit && { audit: options.audit }),
      ...(options.auditSearch && { auditSearch: options.auditSearch }),
      ...(options.pseudonymKeys && { pseudonymKeys: options.pseudonymKeys }),
    });
  }

  /** Stores profiles as if created earlier. */
  async given(...profiles: UserProfile[]): Promise<void> {
    for (const profile of profiles) await this.repository.create(profile);
  }

  async givenProfileOf(
    userId: string,
    overrides: Parameters<typeof UserProfileMother.create>[0] = {},
  ): Promise<UserProfile> {
    const profile = UserProfileMother.create({ userId, ...overrides });
    await this.given(profile);
    return profile;
  }
}

/** What `useTestApp` gives each test: its own app, and the log lines it writes. */
export interface TestAppFixture {
  /** A test may replace it, e.g. with other settings. */
  app: TestApp;
  readonly logs: CapturedLogs;
}

/**
 * A fresh TestApp for every test of the calling `describe`, with the log lines captured (and
 * the console restored after each test).
 */
export function useTestApp(): TestAppFixture {
  const fixture = { logs: useCapturedLogs() } as TestAppFixture;
  beforeEach(() => {
    fixture.app = new TestApp();
  });
  return fixture;
}
