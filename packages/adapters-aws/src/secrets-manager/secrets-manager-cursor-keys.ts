import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { StoreUnavailableError } from '@userprofile/domain';

import type { LastGoodCache } from '../cache/last-good-cache';
import type { CursorKeys, CursorKeySource } from '../dynamodb/cursor';
import { cachedSecret, parseSecretJson, type CachedSecretOptions } from './cached-json-secret';

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
  const parsed = parseSecretJson(secretString, (rule) => new InvalidCursorSecretError(rule));
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

export type SecretsManagerCursorKeysOptions = CachedSecretOptions;

/**
 * The page-cursor keys from one Secrets Manager secret holding `{"current", "previous"?}`.
 * Read on first need (never at cold start), cached for `ttlMs`; concurrent callers share one
 * read, and once a read has succeeded a failed refresh keeps the last good keys.
 */
export class SecretsManagerCursorKeys implements CursorKeySource {
  private readonly cache: LastGoodCache<CursorKeys>;

  constructor(options: SecretsManagerCursorKeysOptions) {
    this.cache = cachedSecret(options, {
      reader: 'SecretsManagerCursorKeys',
      value: 'keys',
      load: async ({ client, secretId }) =>
        parseCursorSecret((await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString),
      defaults: SECRETS_MANAGER_CURSOR_KEYS_DEFAULTS,
      isMalformed: (error) => error instanceof InvalidCursorSecretError,
      unavailable: (cause) => new CursorKeysUnavailableError({ cause }),
    });
  }

  get(): Promise<CursorKeys> {
    return this.cache.get();
  }
}
