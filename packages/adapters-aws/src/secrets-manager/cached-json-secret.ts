import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

import { LastGoodCache } from '../cache/last-good-cache';

/** What a reader of one cached Secrets Manager secret is given. */
export interface CachedSecretOptions {
  /** The Secrets Manager client the secret is read with (`createSecretsManagerClient`). */
  readonly client: SecretsManagerClient;
  /** The secret's ARN (or name). */
  readonly secretId: string;
  /** How long a read value is used before the next read. @default 300000 */
  readonly ttlMs?: number;
  /** Milliseconds since the epoch; injectable so tests control time. @default Date.now */
  readonly now?: () => number;
  /**
   * Told when a refresh fails and the last good value is used instead.
   * @default a `console.warn` naming the error (never the value)
   */
  readonly onRefreshFailure?: (error: unknown) => void;
}

/** How one kind of secret is read and how its failures are told apart. */
export interface SecretReading<T> {
  /** The reader's name and what it reads (`keys`, `key`), in the warning of a failed refresh. */
  readonly reader: string;
  readonly value: string;
  /** Reads and parses the secret once. */
  readonly load: (options: CachedSecretOptions) => Promise<T>;
  readonly defaults: { readonly ttlMs: number; readonly retryAfterFailureMs: number };
  /** Whether a failure is a malformed secret (a deployment mistake: thrown as it is, loud). */
  readonly isMalformed: (error: unknown) => boolean;
  /** Any other failure, as the passing fault a request answers 503 + Retry-After for. */
  readonly unavailable: (cause: unknown) => Error;
}

/**
 * One secret read on first need, cached for `ttlMs`; concurrent callers share one read, and
 * once a read has succeeded a failed refresh keeps the last good value.
 */
export function cachedSecret<T>(options: CachedSecretOptions, reading: SecretReading<T>): LastGoodCache<T> {
  return new LastGoodCache({
    load: () => reading.load(options),
    ttlMs: options.ttlMs ?? reading.defaults.ttlMs,
    retryAfterFailureMs: reading.defaults.retryAfterFailureMs,
    unavailable: (error) => (reading.isMalformed(error) ? (error as Error) : reading.unavailable(error)),
    onRefreshFailure:
      options.onRefreshFailure ??
      ((error: unknown) => {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
        console.warn(`[${reading.reader}] refresh failed; using the last good ${reading.value} (${reason})`);
      }),
    ...(options.now && { now: options.now }),
  });
}

/** The JSON in a secret's string, or `invalid(rule)` naming what is wrong (never echoing the value). */
export function parseSecretJson(secretString: string | undefined, invalid: (rule: string) => Error): unknown {
  if (secretString === undefined) throw invalid('has no SecretString');
  try {
    return JSON.parse(secretString);
  } catch {
    throw invalid('is not JSON');
  }
}
