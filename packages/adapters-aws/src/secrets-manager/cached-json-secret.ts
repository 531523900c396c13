import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

import { StoreUnavailableError } from '@userprofile/domain';

import { LastGoodCache } from '../cache/last-good-cache';

/** The shortest key accepted: 32 characters of the generated alphabet carry about 190 bits. */
export const MIN_SECRET_KEY_LENGTH = 32;

/** How long a client is asked to wait when a request is refused for want of a secret. */
export const SECRET_RETRY_AFTER_SECONDS = 5;

export const SECRET_CACHE_DEFAULTS = {
  /** Long enough that a busy function reads the secret a few times an hour, short enough that a rotation reaches every instance soon. */
  ttlMs: 5 * 60_000,
  /** After a failed refresh, how long the old value is served before Secrets Manager is tried again. */
  retryAfterFailureMs: 10_000,
} as const;

/**
 * A secret could not be read at all (no earlier good value to fall back on): a passing fault,
 * 503 + Retry-After, not 500. Each secret's reader names its own subclass.
 */
export abstract class SecretUnavailableError extends StoreUnavailableError {
  constructor(options: { cause: unknown }) {
    super(SECRET_RETRY_AFTER_SECONDS, options);
  }
}

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
  /** Reads and parses the secret once. */
  readonly load: (options: CachedSecretOptions) => Promise<T>;
  /** The error of a malformed secret (a deployment mistake): thrown as it is, loud. */
  readonly malformed: abstract new (...args: never[]) => Error;
  /** Any other failure becomes this passing fault, which a request answers 503 + Retry-After for. */
  readonly unavailable: new (options: { cause: unknown }) => Error;
  /** The default warning of a failed refresh (the error's name and message follow it). */
  readonly refreshWarning: string;
}

/**
 * One secret read on first need, cached for `ttlMs`; concurrent callers share one read, and
 * once a read has succeeded a failed refresh keeps the last good value.
 */
export abstract class CachedSecret<T> {
  private readonly cache: LastGoodCache<T>;

  protected constructor(options: CachedSecretOptions, reading: SecretReading<T>) {
    this.cache = new LastGoodCache({
      load: () => reading.load(options),
      ttlMs: options.ttlMs ?? SECRET_CACHE_DEFAULTS.ttlMs,
      retryAfterFailureMs: SECRET_CACHE_DEFAULTS.retryAfterFailureMs,
      unavailable: (error) => (error instanceof reading.malformed ? error : new reading.unavailable({ cause: error })),
      onRefreshFailure:
        options.onRefreshFailure ??
        ((error: unknown) => {
          const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
          console.warn(`${reading.refreshWarning} (${reason})`);
        }),
      ...(options.now && { now: options.now }),
    });
  }

  /** The secret's value as last read, read again once `ttlMs` has passed. */
  protected read(): Promise<T> {
    return this.cache.get();
  }
}

/**
 * The keys in a secret's JSON string, `{"<required>": "...", "<optional>"?: "..."}`, each at
 * least `MIN_SECRET_KEY_LENGTH` characters (an empty or null optional key counts as absent).
 * Anything else is `invalid(rule)` naming what is wrong, never echoing the value.
 */
export function parseKeySecret<Required extends string, Optional extends string = never>(
  secretString: string | undefined,
  invalid: (rule: string) => Error,
  fields: { readonly required: Required; readonly optional?: Optional },
): Record<Required, string> & Partial<Record<Optional, string>> {
  if (secretString === undefined) throw invalid('has no SecretString');
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    throw invalid('is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid('is not a JSON object');
  const values = parsed as Record<string, unknown>;
  const rule = `a string of at least ${MIN_SECRET_KEY_LENGTH} characters`;
  const usable = (key: unknown): key is string => typeof key === 'string' && key.length >= MIN_SECRET_KEY_LENGTH;
  const required = values[fields.required];
  if (!usable(required)) throw invalid(`needs "${fields.required}": ${rule}`);
  const keys = { [fields.required]: required } as Record<string, string>;
  if (fields.optional !== undefined) {
    const optional = values[fields.optional];
    if (optional !== undefined && optional !== null && optional !== '') {
      if (!usable(optional)) throw invalid(`"${fields.optional}", when given, must be ${rule}`);
      keys[fields.optional] = optional;
    }
  }
  return keys as Record<Required, string> & Partial<Record<Optional, string>>;
}
