import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { CursorKeys, CursorKeySource } from '../dynamodb/cursor';
import { CachedSecret, parseKeySecret, SecretUnavailableError, type CachedSecretOptions } from './cached-json-secret';

/** The cursor keys could not be read at all: a request that needs them answers 503 + Retry-After. */
export class CursorKeysUnavailableError extends SecretUnavailableError {
  override readonly name = 'CursorKeysUnavailableError';
}

/** The secret's value is not `{"current": "...", "previous"?: "..."}` with long enough keys: a deployment mistake. */
export class InvalidCursorSecretError extends Error {
  override readonly name = 'InvalidCursorSecretError';
}

const invalid = (rule: string): InvalidCursorSecretError => new InvalidCursorSecretError(`the cursor secret ${rule}`);

/**
 * Reads the keys out of a secret's JSON string (never echoing it): `current` signs, `previous`
 * (optional, present during a rotation) still verifies.
 */
export function parseCursorSecret(secretString: string | undefined): CursorKeys {
  const { current, previous } = parseKeySecret(secretString, invalid, { required: 'current', optional: 'previous' });
  return previous === undefined ? { current } : { current, previous };
}

/**
 * The page-cursor keys from one Secrets Manager secret holding `{"current", "previous"?}`.
 * Read on first need (never at cold start), cached for `ttlMs`; concurrent callers share one
 * read, and once a read has succeeded a failed refresh keeps the last good keys.
 */
export class SecretsManagerCursorKeys extends CachedSecret<CursorKeys> implements CursorKeySource {
  constructor(options: CachedSecretOptions) {
    super(options, {
      load: async ({ client, secretId }) =>
        parseCursorSecret((await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString),
      malformed: InvalidCursorSecretError,
      unavailable: CursorKeysUnavailableError,
      refreshWarning: '[SecretsManagerCursorKeys] refresh failed; using the last good keys',
    });
  }

  get(): Promise<CursorKeys> {
    return this.read();
  }
}
