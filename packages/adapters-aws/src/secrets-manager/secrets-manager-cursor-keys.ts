import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { StoreUnavailableError } from '@userprofile/domain';

import { LastGoodCache } from '../cache/last-good-cache';
import type { CursorKeys, CursorKeySource } from '../dynamodb/cursor';

/** How long a client is asked to wait when the cursor keys cannot be read at all. */
export const CURSOR_KEYS_RETRY_AFTER_SECONDS = 5;

/** The shortest key accepted: 32 characters of the generated alphabet carry about 190 bits. */
export const MIN_CURSOR_KEY_LENGTH = 32;

export const SECRETS_MANAGER_CURSOR_KEYS_DEFAULTS = {
  /** Long enough that a busy function reads the secret a few times an hour, short enough that a rotation reaches every instance soon. */
  ttlMs: 5 * 60_000,
  /** After a failed refresh, how long the old keys are served before Secrets Manager is tried again. */
  retryAfterFailureMs: 10_000,
} as const;

/**
 * The cursor keys could not be read at all (no earlier good keys to fall back on): a passing
 * fault, so a request that needs them answers 503 + Retry-After, not 500.
 */
export class CursorKeysUnavailableError extends StoreUnavailableError {
  constructor(options: { cause: unknown }) {
    super(CURSOR_KEYS_RETRY_AFTER_SECONDS, options);
    this.name = 'CursorKeysUnavailableError';
  }
}

/** The secret's value is not `{"current": "...", "previous"?: "..."}` with long enough keys: a deployment mistake. */
export class InvalidCursorSecretError extends Error {
  constructor(rule: string) {
    super(`the cursor secret ${rule}`);
    this.name = 'InvalidCursorSecretError';
  }
}

/**
 * Reads the keys out of a secret's JSON string (never echoing it): `current` signs, `previous`
 * (optional, present during a rotation) still verifies.
 */
export function parseCursorSecret(secretString: string | undefined): CursorKeys {
  if (secretString === undefined) throw new InvalidCursorSecretError('has no SecretString');
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    throw new InvalidCursorSecretError('is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidCursorSecretError('is not a JSON object');
  }
  const { current, previous } = parsed as Record<string, unknown>;
  const usable = (key: unknown): key is string => typeof key === 'string' && key.length >= MIN_CURSOR_KEY_LENGTH;
  if (!usable(current)) {
    throw new InvalidCursorSecretError(`needs "current": a string of at least ${MIN_CURSOR_KEY_LENGTH} characters`);
  }
  if (previous === undefined || previous === null || previous === '') return { current };
  if (!usable(previous)) {
    throw new InvalidCursorSecretError(
      `"previous", when given, must be a string of at least ${MIN_CURSOR_KEY_LENGTH} characters`,
    );
  }
  return { current, previous };
}

export interface SecretsManagerCursorKeysOptions {
  /** The Secrets Manager client the secret is read with (`createSecretsManagerClient`). */
  readonly client: SecretsManagerClient;
  /** The secret's ARN (or name). */
  readonly secretId: string;
  /** How long read keys are used before the next read. @default 300000 */
  readonly ttlMs?: number;
  /** Milliseconds since the epoch; injectable so tests control time. @default Date.now */
  readonly now?: () => number;
  /**
   * Told when a refresh fails and the last good keys are used instead.
   * @default a `console.warn` naming the error (never the value)
   */
  readonly onRefreshFailure?: (error: unknown) => void;
}

/**
 * The page-cursor keys from one Secrets Manager secret holding `{"current", "previous"?}`.
 * Read on first need (never at cold start), cached for `ttlMs`; concurrent callers share one
 * read, and once a read has succeeded a failed refresh keeps the last good keys.
 */
export class SecretsManagerCursorKeys implements CursorKeySource {
  private readonly cache: LastGoodCache<CursorKeys>;

  constructor(options: SecretsManagerCursorKeysOptions) {
    const { client, secretId } = options;
    this.cache = new LastGoodCache({
      load: async () =>
        parseCursorSecret((await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString),
      ttlMs: options.ttlMs ?? SECRETS_MANAGER_CURSOR_KEYS_DEFAULTS.ttlMs,
      retryAfterFailureMs: SECRETS_MANAGER_CURSOR_KEYS_DEFAULTS.retryAfterFailureMs,
      // A malformed secret is a deployment mistake: loud (500, logged), not a passing fault.
      unavailable: (error) =>
        error instanceof InvalidCursorSecretError ? error : new CursorKeysUnavailableError({ cause: error }),
      onRefreshFailure: options.onRefreshFailure ?? warnOfRefreshFailure,
      ...(options.now && { now: options.now }),
    });
  }

  get(): Promise<CursorKeys> {
    return this.cache.get();
  }
}

function warnOfRefreshFailure(error: unknown): void {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
  console.warn(`[SecretsManagerCursorKeys] refresh failed; using the last good keys (${reason})`);
}
