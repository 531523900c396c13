import { DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import { StoreUnavailableError } from '@userprofile/domain';
import {
  closedPort,
  createCursorSecret,
  CURSOR_KEYS,
  putCursorKeys,
  type StoredCursorKeys,
  useMotoService,
} from '@userprofile/testing';

import {
  createSecretsManagerClient,
  CursorKeysUnavailableError,
  InvalidCursorSecretError,
  SECRET_CACHE_DEFAULTS,
  SecretsManagerCursorKeys,
} from '../../src';

const { a: KEY_A, b: KEY_B } = CURSOR_KEYS;
const TTL = SECRET_CACHE_DEFAULTS.ttlMs;

describe('SecretsManagerCursorKeys over the Secrets Manager protocol (moto)', () => {
  const moto = useMotoService('secretsManager', (endpoint) => createSecretsManagerClient({ endpoint }));
  let secrets = 0;

  /** A new secret holding `value`; its ARN. */
  const aSecret = (value: StoredCursorKeys | string): Promise<string> =>
    createCursorSecret(moto.setUp, `userprofile/test${++secrets}/cursor-keys`, value);

  /** A clock the test moves. */
  const aClock = () => {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('reads the current key, and the previous one during a rotation', async () => {
    // Prepare
    const alone = await aSecret({ current: KEY_A });
    const rotating = await aSecret({ current: KEY_B, previous: KEY_A });

    // Act
    const read = await new SecretsManagerCursorKeys({ client: moto.client, secretId: alone }).get();
    const readDuringRotation = await new SecretsManagerCursorKeys({ client: moto.client, secretId: rotating }).get();

    // Assess
    expect(read).toEqual({ current: KEY_A });
    expect(readDuringRotation).toEqual({ current: KEY_B, previous: KEY_A });
  });

  it('serves the cached keys for the TTL, then picks up a rotation', async () => {
    // Prepare
    const secretId = await aSecret({ current: KEY_A });
    const clock = aClock();
    const keys = new SecretsManagerCursorKeys({ client: moto.client, secretId, now: clock.now });
    await keys.get();
    await putCursorKeys(moto.setUp, secretId, { current: KEY_B, previous: KEY_A });

    // Act
    const withinTtl = await keys.get();
    clock.advance(TTL);
    const afterTtl = await keys.get();

    // Assess
    expect(withinTtl).toEqual({ current: KEY_A });
    expect(afterTtl).toEqual({ current: KEY_B, previous: KEY_A });
  });

  it('shares one read among concurrent first callers', async () => {
    // Prepare
    const secretId = await aSecret({ current: KEY_A });
    let reads = 0;
    const counting = createSecretsManagerClient({ endpoint: moto.endpoint });
    counting.middlewareStack.add(
      (next) => (args) => {
        reads += 1;
        return next(args);
      },
      { step: 'initialize', name: 'countReads' },
    );
    const keys = new SecretsManagerCursorKeys({ client: counting, secretId });

    // Act
    const all = await Promise.all(Array.from({ length: 10 }, () => keys.get()));

    // Assess
    expect(all).toEqual(Array.from({ length: 10 }, () => ({ current: KEY_A })));
    expect(reads).toBe(1);
    counting.destroy();
  });

  it('keeps the last good keys when a refresh fails, and says so', async () => {
    // Prepare
    const secretId = await aSecret({ current: KEY_A });
    const clock = aClock();
    const failures: unknown[] = [];
    const keys = new SecretsManagerCursorKeys({
      client: moto.client,
      secretId,
      now: clock.now,
      onRefreshFailure: (error) => failures.push(error),
    });
    await keys.get();
    await moto.setUp.send(new DeleteSecretCommand({ SecretId: secretId, ForceDeleteWithoutRecovery: true }));
    clock.advance(TTL);

    // Act
    const served = await keys.get();

    // Assess
    expect(served).toEqual({ current: KEY_A });
    expect(failures).toHaveLength(1);
  });

  it('fails as unavailable (503, retry later) when the secret was never read and cannot be', async () => {
    // Prepare
    const unreachable = createSecretsManagerClient({ endpoint: await closedPort() });
    const keys = new SecretsManagerCursorKeys({ client: unreachable, secretId: 'userprofile/none/cursor-keys' });

    // Act
    const reading = keys.get();

    // Assess
    await expect(reading).rejects.toBeInstanceOf(CursorKeysUnavailableError);
    await expect(keys.get()).rejects.toBeInstanceOf(StoreUnavailableError);
    unreachable.destroy();
  });

  it.each([
    ['not JSON', 'plain-text-key-'.repeat(5)],
    ['no current key', JSON.stringify({ previous: KEY_A })],
    ['a short current key', JSON.stringify({ current: 'short' })],
    ['a short previous key', JSON.stringify({ current: KEY_A, previous: 'short' })],
  ])('refuses a secret with %s, naming the rule and never the value', async (_case, value) => {
    // Prepare
    const secretId = await aSecret(value);

    // Act
    const reading = new SecretsManagerCursorKeys({ client: moto.client, secretId }).get();

    // Assess
    await expect(reading).rejects.toBeInstanceOf(InvalidCursorSecretError);
    await expect(reading).rejects.not.toThrow(KEY_A);
  });
});
