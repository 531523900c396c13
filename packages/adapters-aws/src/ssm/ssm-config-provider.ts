import { GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { StoreUnavailableError } from '@userprofile/domain';

import { LastGoodCache } from '../cache/last-good-cache';
import { normalisePrefix } from './ssm-parameter-names';

/** Typed settings from raw values keyed by relative name; throws when a value breaks its rule. */
export type SettingsParser<T> = (values: ReadonlyMap<string, string>, describe: (name: string) => string) => T;

export interface SsmConfigProviderOptions<T> {
  /** The SSM client the parameters are read with (`createSsmClient`). */
  readonly client: SSMClient;
  /** Where this environment's parameters live, e.g. `/userprofile/dev/`. */
  readonly prefix: string;
  /** The parameters to read, relative to the prefix (`api/max-page-size`); absent ones are left out. */
  readonly names: readonly string[];
  /** Each layer's parser over the raw values; what it throws on a first load reaches the caller. */
  readonly parse: SettingsParser<T>;
  /** How long loaded settings are served before the next read of SSM. @default 60000 */
  readonly ttlMs?: number;
  /** Milliseconds since the epoch; injectable so tests control time. @default Date.now */
  readonly now?: () => number;
  /**
   * Told when a refresh fails and the last good settings are served instead.
   * @default a `console.warn` naming the error (never the values)
   */
  readonly onRefreshFailure?: (error: unknown) => void;
}

/** How long a client is asked to wait when the settings cannot be read at all. */
export const SETTINGS_RETRY_AFTER_SECONDS = 5;

/**
 * The settings could not be read at all (no earlier good values to fall back on): a passing
 * fault like an unreachable table, so callers answer 503 + Retry-After, not 500.
 */
export class SettingsUnavailableError extends StoreUnavailableError {
  constructor(
    readonly prefix: string,
    options: { cause: unknown },
  ) {
    super(SETTINGS_RETRY_AFTER_SECONDS, options);
  }
}

export const SSM_CONFIG_DEFAULTS = {
  ttlMs: 60_000,
  /** After a failed refresh, how long the old values are served before SSM is tried again. */
  retryAfterFailureMs: 10_000,
} as const;

/** GetParameters takes at most 10 names per call. */
const NAMES_PER_CALL = 10;

/**
 * Settings from SSM Parameter Store: the named parameters under the prefix (one GetParameters
 * call for up to 10, decrypted), handed as raw values to `parse`, which holds the rules.
 *
 * Cached for `ttlMs` because a Lambda container serves many requests and SSM's API is
 * rate-limited; concurrent callers during a load share one call. Once a load has succeeded,
 * a failed refresh (SSM down, or a value made invalid) does not fail requests: the last good
 * settings are served, the failure is reported through `onRefreshFailure`, and SSM is tried
 * again after a short pause rather than on every request.
 */
export class SsmConfigProvider<T> {
  private readonly client: SSMClient;
  private readonly prefix: string;
  private readonly names: readonly string[];
  private readonly cache: LastGoodCache<T>;

  constructor(options: SsmConfigProviderOptions<T>) {
    this.client = options.client;
    this.prefix = normalisePrefix(options.prefix);
    this.names = options.names;
    const onRefreshFailure = options.onRefreshFailure ?? warnOfRefreshFailure;
    this.cache = new LastGoodCache({
      load: async () => options.parse(await this.readOrUnavailable(), (name) => `${this.prefix}${name}`),
      ttlMs: options.ttlMs ?? SSM_CONFIG_DEFAULTS.ttlMs,
      retryAfterFailureMs: SSM_CONFIG_DEFAULTS.retryAfterFailureMs,
      // A first load's failure reaches the caller as it is: unreachable SSM is already a 503, a broken rule a 500.
      unavailable: (error) => error,
      onRefreshFailure: (error) => onRefreshFailure(error instanceof SettingsUnavailableError ? error.cause : error),
      ...(options.now && { now: options.now }),
    });
  }

  /** The cached settings, or fresh ones when they have expired. */
  get(): Promise<T> {
    return this.cache.get();
  }

  private async readOrUnavailable(): Promise<Map<string, string>> {
    try {
      return await this.readParameters();
    } catch (error) {
      throw new SettingsUnavailableError(this.prefix, { cause: error });
    }
  }

  /** The named parameters that exist, by name relative to the prefix. */
  private async readParameters(): Promise<Map<string, string>> {
    const values = new Map<string, string>();
    for (let i = 0; i < this.names.length; i += NAMES_PER_CALL) {
      const batch = this.names.slice(i, i + NAMES_PER_CALL).map((name) => `${this.prefix}${name}`);
      const answer = await this.client.send(new GetParametersCommand({ Names: batch, WithDecryption: true }));
      for (const { Name: name, Value: value } of answer.Parameters ?? []) {
        if (name?.startsWith(this.prefix) && value !== undefined) values.set(name.slice(this.prefix.length), value);
      }
    }
    return values;
  }
}

function warnOfRefreshFailure(error: unknown): void {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
  console.warn(`[SsmConfigProvider] settings refresh failed; serving the last good settings (${reason})`);
}
