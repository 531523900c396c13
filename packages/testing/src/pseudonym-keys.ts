import { CreateSecretCommand, PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { PseudonymKey, PseudonymKeySource } from '@userprofile/domain';

/** The audit pseudonym key of tests: 64 characters, the length the stack generates. */
export const TEST_PSEUDONYM_KEY: PseudonymKey = { id: 'test-key-1', secret: 'p'.repeat(64) };

/** A key source that always answers `key`: the double of the pseudonym secret. */
export const fixedPseudonymKeys = (key: PseudonymKey = TEST_PSEUDONYM_KEY): PseudonymKeySource => ({
  current: () => Promise.resolve(key),
});

/** A new pseudonym secret named `name` holding `{"key": secret}` (or a raw string, to test what is refused); its ARN and first version. */
export async function createPseudonymSecret(
  secretsManager: SecretsManagerClient,
  name: string,
  value: string | { readonly key: string },
): Promise<{ arn: string; versionId: string }> {
  const SecretString = typeof value === 'string' ? value : JSON.stringify(value);
  const created = await secretsManager.send(new CreateSecretCommand({ Name: name, SecretString }));
  return { arn: created.ARN!, versionId: created.VersionId! };
}

/** Rotates the key as docs/security.md says (a new version of the secret); the new version's id. */
export async function rotatePseudonymKey(
  secretsManager: SecretsManagerClient,
  secretId: string,
  key: string,
): Promise<string> {
  const put = await secretsManager.send(
    new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify({ key }) }),
  );
  return put.VersionId!;
}
