import {
  CreateSecretCommand,
  DeleteSecretCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { StoreUnavailableError } from '@userprofile/domain';
import { closedPort, type RunningEngine, setUpClientConfig, startMoto } from '@userprofile/testing';

import {
  createSecretsManagerClient,
  CursorKeysUnavailableError,
  InvalidCursorSecretError,
  SECRETS_MANAGER_CURSOR_KEYS_DEFAULTS,
  SecretsManagerCursorKeys,
  type AwsJsonClient,
} from '../../src';

const KEY_A = 'A'.repeat(64);
const KEY_B = 'B'.repeat(64);
const TTL = SECRETS_MANAGER_CURSOR_KEYS_DEFAULTS.ttlMs;

describe('SecretsManagerCursorKeys over the Secrets Manager protocol (moto)', () => {
  let moto: RunningEngine;
  let client: AwsJsonClient;
  let setUpClient: SecretsManagerClient;
  let secrets = 0;

  beforeAll(async () => {
    moto = await startMoto();
    // Set-up sends each call once and waits long: a retried CreateSecret on a cold moto would
    // fail as a duplicate (see the SSM test).
    setUpClient = new SecretsManagerClient(setUpClientConfig(moto.endpoint));
    await setUpClient.send(new ListSecretsCommand({ MaxResults: 1 }));
    client = createSecretsManagerClient({ endpoint: moto.endpoint });
  }, 90_000);

  afterAll(async () => {
    client?.destroy();
    setUpClient?.destroy();
    await moto?.stop();
  });

  /** A new secret holding `value`; its ARN. */
  const aSecret = async (value: string): Promise<string> => {
    const created = await setUpClient.send(
      new CreateSecretCommand({ Name: `userprofile/test${++secrets}/cursor-keys`, SecretString: value }),
    );
    return created.ARN!;
  };

  /** A clock the test moves. */
  const aClock = () => {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('reads the current key, and the previous one during a rotation', async () => {
    // Prepare
    const alone = await aSecret(JSON.stringify({ current: KEY_A }));
    const rotating = await aSecret(JSON.stringify({ current: KEY_B, previous: KEY_A }));

    // Act
    const read = await new SecretsManagerCursorKeys({ client, secretId: alone }).get();
    const readDuringRotation = await new SecretsManagerCursorKeys({ client, secretId: rotating }).get();

    // Assess
    expect(read).toEqual({ current: KEY_A });
    expect(readDuringRotation).toEqual({ current: KEY_B, previous: KEY_A });
  });

  it('serves the cached keys for the TTL, then picks up a rotation', async () => {
    // Prepare
    const secretId = await aSecret(JSON.stringify({ current: KEY_A }));
    const clock = aClock();
    const keys = new SecretsManagerCursorKeys({ client, secretId, now: clock.now });
    await keys.get();
    await setUpClient.send(
      new PutSecretValueCommand({
        SecretId: secretId,
        SecretString: JSON.stringify({ current: KEY_B, previous: KEY_A }),
      }),
    );

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
    const secretId = await aSecret(JSON.stringify({ current: KEY_A }));
    let reads = 0;
    const counting: AwsJsonClient = {
      call: <Output>(operation: string, input: object) => {
        reads += 1;
        return client.call<Output>(operation, input);
      },
      destroy: () => undefined,
    };
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
    const secretId = await aSecret(JSON.stringify({ current: KEY_A }));
    const clock = aClock();
    const failures: unknown[] = [];
    const keys = new SecretsManagerCursorKeys({
      client,
      secretId,
      now: clock.now,
      onRefreshFailure: (error) => failures.push(error),
    });
    await keys.get();
    await setUpClient.send(new DeleteSecretCommand({ SecretId: secretId, ForceDeleteWithoutRecovery: true }));
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
    const reading = new SecretsManagerCursorKeys({ client, secretId }).get();

    // Assess
    await expect(reading).rejects.toBeInstanceOf(InvalidCursorSecretError);
    await expect(reading).rejects.not.toThrow(KEY_A);
  });
});
