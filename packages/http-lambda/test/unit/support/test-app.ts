import 'reflect-metadata';

import type { IdempotencyStore, UserProfile, UserProfileRepository } from '@userprofile/domain';
import {
  FixedClock,
  InMemoryIdempotencyStore,
  InMemoryUserProfileRepository,
  UserProfileMother,
} from '@userprofile/domain/testing';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { aLambdaContext, captureLogs } from '@userprofile/testing';

import { createRouteHandlers, type ProxyHandler } from '../../../src/composition/route-handlers';
import { createLogger } from '../../../src/logging/logger';
import { ROUTES } from '../../../src/routes';
import { StaticSettingsProvider, type RuntimeSettings } from '../../../src/settings/runtime-settings';

export interface TestAppOptions {
  readonly settings?: Partial<RuntimeSettings>;
  /** Swaps the one binding of the repository port (e.g. for a failing store). */
  readonly repository?: UserProfileRepository;
  /** Swaps the one binding of the idempotency store port (e.g. for a failing store). */
  readonly idempotencyStore?: IdempotencyStore;
}

/** What a test reads from a response: status, headers and the parsed body. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown> | undefined;
  readonly raw: APIGatewayProxyResult;
}

/**
 * The test composition root: the same modules as every runtime, on the in-memory repository,
 * a fixed clock and static settings; an option swaps one binding.
 */
export class TestApp {
  readonly repository = new InMemoryUserProfileRepository();
  readonly clock = new FixedClock();
  readonly idempotencyStore = new InMemoryIdempotencyStore();
  private readonly handlers = new Map<string, ProxyHandler>();

  constructor(options: TestAppOptions = {}) {
    const handlers = createRouteHandlers({
      repository: options.repository ?? this.repository,
      config: new StaticSettingsProvider(options.settings),
      clock: this.clock,
      logger: createLogger('INFO'),
      idempotencyStore: options.idempotencyStore ?? this.idempotencyStore,
    });
    for (const [functionName, handler] of handlers) this.handlers.set(functionName, handler);
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

  /** Routes the event as API Gateway would (method + resource), then calls that function. */
  async send(event: APIGatewayProxyEvent): Promise<TestResponse> {
    const route =
      ROUTES.find((r) => r.path === event.resource && r.method === event.httpMethod) ??
      (event.httpMethod === 'OPTIONS' ? ROUTES.find((r) => r.path === event.resource) : undefined);
    if (!route) throw new Error(`no route serves ${event.httpMethod} ${event.resource}`);
    const raw = await this.handlers.get(route.functionName)!(event, aLambdaContext());
    const headers = raw.headers as Record<string, string>;
    return {
      status: raw.statusCode,
      headers,
      body: raw.body ? (JSON.parse(raw.body) as Record<string, unknown>) : undefined,
      raw,
    };
  }
}

/** What `useTestApp` gives each test: its own app, and the log lines it writes. */
export interface TestAppFixture {
  /** A test may replace it, e.g. with other settings. */
  app: TestApp;
  readonly logs: ReturnType<typeof captureLogs>;
}

/**
 * A fresh TestApp for every test of the calling `describe`, with the log lines captured (and
 * the console restored after each test).
 */
export function useTestApp(): TestAppFixture {
  const fixture = {} as { app: TestApp; logs: ReturnType<typeof captureLogs> };
  beforeEach(() => {
    fixture.logs = captureLogs();
    fixture.app = new TestApp();
  });
  afterEach(() => fixture.logs.restore());
  return fixture;
}
