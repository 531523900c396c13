import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { StoreUnavailableError, type PseudonymKey, type PseudonymKeySource } from '@userprofile/domain';

import type { LastGoodCache } from '../cache/last-good-cache';
import { cachedSecret, parseSecretJson, type CachedSecretOptions } from './cached-json-secret';

/** How long a client is asked to wait when an audited action is refused for want of the pseudonym key. */
export const PSEUDONYM_KEY_RETRY_AFTER_SECONDS = 5;

/** The shortest key accepted: 32 characters of the generated alphabet carry about 190 bits. */
export const MIN_PSEUDONYM_KEY_LENGTH = 32;

/**
 * `userprofile/{env}/audit-pseudonym-key`: the stack names the secret so, and `pnpm pseudonym
 * --env` and `pnpm migrate --env` find it by that name without the stack's outputs.
 */
export const pseudonymSecretName = (environmentName: string): string =>
  `userprofile/${environmentName}/audit-pseudonym-key`;

/** The JSON field of the secret that holds the key: `{"key": "<64 letters and digits>"}`. */
export const PSEUDONYM_SECRET_FIELD = 'key';

export const SECRETS_MANAGER_PSEUDONYM_KEYS_DEFAULTS = {
  /** As the cursor keys': a rotation reaches every instance within minutes, and a busy function reads a few times an hour. */
  ttlMs: 5 * 60_000,
  retryAfterFailureMs: 10_000,
} as const;

/** The pseudonym key could not be read at all: a passing fault, so the audited action answers 503 + Retry-After. */
export class PseudonymKeyUnavailableError extends StoreUnavailableError {
  constructor(options: { cause: unknown }) {
    super(PSEUDONYM_KEY_RETRY_AFTER_SECONDS, options);
    this.name = 'PseudonymKeyUnavailableError';
  }
}

/** The secret's value is not `{"key": "..."}` with a long enough key, or has no version id: a deployment mistake. */
export class InvalidPseudonymSecretError extends Error {
  constructor(rule: string) {
    super(`the pseudonym secret ${rule}`);
    this.name = 'InvalidPseudonymSecretError';
  }
}

/**
 * Reads the key out of one version of the secret (never echoing its value): the version's id
 * names the key in every pseudonym made with it.
 */
export function parsePseudonymSecret(versionId: string | undefined, secretString: string | undefined): PseudonymKey {
  if (versionId === undefined || versionId === '') throw new InvalidPseudonymSecretError('has no VersionId');
  const parsed = parseSecretJson(secretString, (rule) => new InvalidPseudonymSecretError(rule));
  const secret = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).key : undefined;
  if (typeof secret !== 'string' || secret.length < MIN_PSEUDONYM_KEY_LENGTH) {
    throw new InvalidPseudonymSecretError(
      `needs "${PSEUDONYM_SECRET_FIELD}": a string of at least ${MIN_PSEUDONYM_KEY_LENGTH} characters`,
    );
  }
  return { id: versionId, secret };
}

/** Reads one version of the pseudonym secret: the current one, or an older one by its id (an operator's look-up). */
export async function readPseudonymKey(
  client: SecretsManagerClient,
  secretId: string,
  versionId?: string,
): Promise<PseudonymKey> {
  const answer = await client.send(
    new GetSecretValueCommand({ SecretId: secretId, ...(versionId !== undefined && { VersionId: versionId }) }),
  );
  return parsePseudonymSecret(answer.VersionId, answer.SecretString);
}

export type SecretsManagerPseudonymKeysOptions = CachedSecretOptions;

/**
 * The audit pseudonym key from one Secrets Manager secret holding `{"key"}`, its version id
 * naming it. Read like the cursor keys and the settings: started at init, shared by concurrent
 * callers (single flight), cached for `ttlMs`, the last good key kept through a failed refresh.
 */
export class SecretsManagerPseudonymKeys implements PseudonymKeySource {
  private readonly cache: LastGoodCache<PseudonymKey>;

  constructor(options: SecretsManagerPseudonymKeysOptions) {
    this.cache = cachedSecret(options, {
      reader: 'SecretsManagerPseudonymKeys',
      value: 'key',
      load: ({ client, secretId }) => readPseudonymKey(client, secretId),
      defaults: SECRETS_MANAGER_PSEUDONYM_KEYS_DEFAULTS,
      isMalformed: (error) => error instanceof InvalidPseudonymSecretError,
      unavailable: (cause) => new PseudonymKeyUnavailableError({ cause }),
    });
  }

  current(): Promise<PseudonymKey> {
    return this.cache.get();
  }
}
