import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { PseudonymKey, PseudonymKeySource } from '@userprofile/domain';

import { CachedSecret, parseKeySecret, SecretUnavailableError, type CachedSecretOptions } from './cached-json-secret';

/**
 * `userprofile/{env}/audit-pseudonym-key`: the stack names the secret so, and `pnpm pseudonym
 * --env` and `pnpm migrate --env` find it by that name without the stack's outputs.
 */
export const pseudonymSecretName = (environmentName: string): string =>
  `userprofile/${environmentName}/audit-pseudonym-key`;

/** The JSON field of the secret that holds the key: `{"key": "<64 letters and digits>"}`. */
export const PSEUDONYM_SECRET_FIELD = 'key' as const;

/** The pseudonym key could not be read at all: the audited action answers 503 + Retry-After. */
export class PseudonymKeyUnavailableError extends SecretUnavailableError {
  override readonly name = 'PseudonymKeyUnavailableError';
}

/** The secret's value is not `{"key": "..."}` with a long enough key, or has no version id: a deployment mistake. */
export class InvalidPseudonymSecretError extends Error {
  override readonly name = 'InvalidPseudonymSecretError';
}

const invalid = (rule: string): InvalidPseudonymSecretError =>
  new InvalidPseudonymSecretError(`the pseudonym secret ${rule}`);

/**
 * Reads the key out of one version of the secret (never echoing its value): the version's id
 * names the key in every pseudonym made with it.
 */
export function parsePseudonymSecret(versionId: string | undefined, secretString: string | undefined): PseudonymKey {
  if (versionId === undefined || versionId === '') throw invalid('has no VersionId');
  const { [PSEUDONYM_SECRET_FIELD]: secret } = parseKeySecret(secretString, invalid, {
    required: PSEUDONYM_SECRET_FIELD,
  });
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

/**
 * The audit pseudonym key from one Secrets Manager secret holding `{"key"}`, its version id
 * naming it. Read like the cursor keys and the settings: started at init, shared by concurrent
 * callers (single flight), cached for `ttlMs`, the last good key kept through a failed refresh.
 */
export class SecretsManagerPseudonymKeys extends CachedSecret<PseudonymKey> implements PseudonymKeySource {
  constructor(options: CachedSecretOptions) {
    super(options, {
      load: ({ client, secretId }) => readPseudonymKey(client, secretId),
      malformed: InvalidPseudonymSecretError,
      unavailable: PseudonymKeyUnavailableError,
      refreshWarning: '[SecretsManagerPseudonymKeys] refresh failed; using the last good key',
    });
  }

  current(): Promise<PseudonymKey> {
    return this.read();
  }
}
