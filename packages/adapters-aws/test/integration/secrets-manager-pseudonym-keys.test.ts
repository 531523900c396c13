import { pseudonymOf, StoreUnavailableError } from '@userprofile/domain';
import { closedPort, createPseudonymSecret, rotatePseudonymKey, useMotoService } from '@userprofile/testing';

import {
  createSecretsManagerClient,
  InvalidPseudonymSecretError,
  PseudonymKeyUnavailableError,
  readPseudonymKey,
  SECRET_CACHE_DEFAULTS,
  SecretsManagerPseudonymKeys,
} from '../../src';

const KEY_1 = '1'.repeat(64);
const KEY_2 = '2'.repeat(64);
const TTL = SECRET_CACHE_DEFAULTS.ttlMs;
const LEGACY_ID = 'eve.smith@example.org';

describe('SecretsManagerPseudonymKeys over the Secrets Manager protocol (moto)', () => {
  const moto = useMotoService('secretsManager', (endpoint) => createSecretsManagerClient({ endpoint }));
  let secrets = 0;

  const aSecret = (value: string | { key: string }) =>
    createPseudonymSecret(moto.setUp, `userprofile/test${++secrets}/audit-pseudonym-key`, value);

  it('reads the current key, named by the version it is', async () => {
    // Prepare
    const { arn, versionId } = await aSecret({ key: KEY_1 });

    // Act
    const key = await new SecretsManagerPseudonymKeys({ client: moto.client, secretId: arn }).current();

    // Assess
    expect(key).toEqual({ id: versionId, secret: KEY_1 });
    expect(pseudonymOf(LEGACY_ID, key)).toMatch(new RegExp(`^hmac-sha256:${versionId}:[0-9a-f]{64}$`));
  });

  it('picks up a rotation after the TTL, and the older version still gives the pseudonyms of its period', async () => {
    // Prepare
    const { arn, versionId: first } = await aSecret({ key: KEY_1 });
    let now = 1_000_000;
    const keys = new SecretsManagerPseudonymKeys({ client: moto.client, secretId: arn, now: () => now });
    const before = pseudonymOf(LEGACY_ID, await keys.current());
    const second = await rotatePseudonymKey(moto.setUp, arn, KEY_2);

    // Act
    const withinTtl = await keys.current();
    now += TTL;
    const afterTtl = await keys.current();
    const older = await readPseudonymKey(moto.client, arn, first);

    // Assess
    expect(withinTtl.id).toBe(first);
    expect(afterTtl).toEqual({ id: second, secret: KEY_2 });
    expect(pseudonymOf(LEGACY_ID, afterTtl)).not.toBe(before);
    // An operator matching records of the first period computes with the version they name.
    expect(pseudonymOf(LEGACY_ID, older)).toBe(before);
  });

  it('fails as unavailable (503, retry later) when the key was never read and cannot be', async () => {
    // Prepare
    const unreachable = createSecretsManagerClient({ endpoint: await closedPort() });
    const keys = new SecretsManagerPseudonymKeys({
      client: unreachable,
      secretId: 'userprofile/none/audit-pseudonym-key',
    });

    // Act
    const reading = keys.current();

    // Assess
    await expect(reading).rejects.toBeInstanceOf(PseudonymKeyUnavailableError);
    await expect(keys.current()).rejects.toBeInstanceOf(StoreUnavailableError);
    unreachable.destroy();
  });

  it.each([
    ['not JSON', 'plain-text-key-'.repeat(5)],
    ['no key', JSON.stringify({ current: KEY_1 })],
    ['a short key', JSON.stringify({ key: 'short' })],
  ])('refuses a secret with %s, naming the rule and never the value', async (_case, value) => {
    // Prepare
    const { arn } = await aSecret(value);

    // Act
    const reading = new SecretsManagerPseudonymKeys({ client: moto.client, secretId: arn }).current();

    // Assess
    await expect(reading).rejects.toBeInstanceOf(InvalidPseudonymSecretError);
    await expect(reading).rejects.not.toThrow(KEY_1);
  });
});
