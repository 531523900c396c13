import { CreateSecretCommand, PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Cursor signing keys for tests: 64 characters each, the length the stack generates. */
export const CURSOR_KEYS = { a: 'a'.repeat(64), b: 'b'.repeat(64), c: 'c'.repeat(64) } as const;

/** The cursor keys as the stack's secret holds them: the current one, and the previous during a rotation. */
export interface StoredCursorKeys {
  readonly current?: string;
  readonly previous?: string;
}

/** A new secret named `name` holding these keys (or a raw string, to test what is refused); its ARN. */
export async function createCursorSecret(
  secretsManager: SecretsManagerClient,
  name: string,
  value: StoredCursorKeys | string,
): Promise<string> {
  const SecretString = typeof value === 'string' ? value : JSON.stringify(value);
  const created = await secretsManager.send(new CreateSecretCommand({ Name: name, SecretString }));
  return created.ARN!;
}

/** Replaces the secret's keys, as a step of a rotation does. */
export async function putCursorKeys(
  secretsManager: SecretsManagerClient,
  secretId: string,
  keys: StoredCursorKeys,
): Promise<void> {
  await secretsManager.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(keys) }));
}
