import { DeleteCommand, GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import {
  CLAIMED_FROM,
  createDynamoDbDocumentClient,
  createUserProfileTable,
  DynamoDbUserProfileRepository,
} from '@userprofile/adapters-aws';
import { ProfileFromSignUp, systemClock, type UserProfileRepository } from '@userprofile/domain';
import { InMemoryAccountDirectory, LegacyItemMother, useDynalite, type LegacyItem } from '@userprofile/testing';

import { CapacityPacer } from '../../src/capacity-pacer';
import type { OwnerMatch } from '../../src/item-plan';
import { migrateTable } from '../../src/migrate-table';

type Item = Record<string, unknown>;

/**
 * A sign-up's claim (the post-confirmation trigger's use case) and `pnpm migrate --user-pool-id`
 * both move a legacy profile to its owner's `sub`: run together on the same items, exactly one
 * move happens per item, and no profile is duplicated or lost.
 */
describe('sign-up claims racing pnpm migrate on dynalite', () => {
  const dynalite = useDynalite((endpoint) => createDynamoDbDocumentClient({ endpoint, requestTimeoutMs: 30_000 }));
  const pacers = () => ({ readPacer: new CapacityPacer(1_000), writePacer: new CapacityPacer(1_000) });

  async function legacyWorld(count: number) {
    const tableName = `user-profiles-claim-race-${randomUUID()}`;
    await createUserProfileTable(dynalite.client, tableName);
    const legacy: LegacyItem[] = Array.from({ length: count }, (_, i) =>
      // Lower-case, as the original wrote most emails: the email index matches exactly (an item
      // with a mixed-case email is found once `pnpm migrate` has normalised it).
      LegacyItemMother.created({ email: `legacy.race${i}@example.com`, firstName: `Racer${i}` }),
    );
    for (const item of legacy) await dynalite.client.send(new PutCommand({ TableName: tableName, Item: item }));
    const subs: string[] = legacy.map(() => randomUUID());
    // The user pool, as the migration sees it: each legacy email now belongs to its new account.
    const owners = {
      findOwner: (key: string, emails: readonly string[]): Promise<OwnerMatch> => {
        if (subs.includes(key)) return Promise.resolve({ kind: 'one', sub: key });
        const index = legacy.findIndex((item) => emails.includes(String(item.email).toLowerCase()));
        return Promise.resolve(index < 0 ? { kind: 'none' } : { kind: 'one', sub: subs[index]! });
      },
    };
    return { tableName, legacy, subs, owners };
  }

  const signUps = (client: DynamoDBDocumentClient, tableName: string, subs: readonly string[]) =>
    new ProfileFromSignUp(repositoryOn(client, tableName), new InMemoryAccountDirectory(subs), systemClock, {
      claimLegacyProfiles: true,
    });

  const confirm = (useCase: ProfileFromSignUp, sub: string, i: number) =>
    useCase.execute({ sub, email: `legacy.race${i}@example.com`, givenName: 'New', familyName: 'Name' });

  async function allItems(tableName: string): Promise<Item[]> {
    return (await dynalite.client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? [];
  }

  it('moves each legacy profile exactly once when sign-ups and a migration run at the same time', async () => {
    // Prepare
    const { tableName, legacy, subs, owners } = await legacyWorld(12);
    const useCase = signUps(dynalite.client, tableName, subs);

    // Act
    const [summary, ...outcomes] = await Promise.all([
      migrateTable({ client: dynalite.client, tableName, apply: true, owners, pageSize: 3, ...pacers() }),
      ...subs.map((sub, i) => confirm(useCase, sub, i)),
    ]);

    // Assess: one profile per account, each the legacy one (its name and createdAt), none left behind.
    const items = await allItems(tableName);
    expect(items.map((item) => item.userId).sort()).toEqual([...subs].sort());
    subs.forEach((sub, i) => {
      const item = items.find((candidate) => candidate.userId === sub)!;
      expect(item.firstName).toBe(`Racer${i}`);
      expect(item.createdAt).toBe('2024-05-01T10:00:00.123Z');
    });
    expect(outcomes.every((outcome) => outcome.kind === 'claimed' || outcome.kind === 'already-exists')).toBe(true);
    expect(summary.reported['kept-changing'] ?? 0).toBe(0);
    expect(legacy).toHaveLength(12);
  });

  it.each([
    ['after the claim put its copy, before it deleted the legacy item', 'claim', DeleteCommand],
    ['after the claim read the legacy item, before it put its copy', 'claim', PutCommand],
    ['after the migration put its copy, before it deleted the legacy item', 'migration', DeleteCommand],
  ] as const)('ends with one profile when the other mover runs whole %s', async (_when, paused, Step) => {
    // Prepare
    const { tableName, legacy, subs, owners } = await legacyWorld(1);
    const migrate = (client: DynamoDBDocumentClient) =>
      migrateTable({ client, tableName, apply: true, owners, ...pacers() });
    const signUp = (client: DynamoDBDocumentClient) => confirm(signUps(client, tableName, subs), subs[0]!, 0);
    let other: Promise<unknown> | undefined;
    const pausedClient = clientThatWaits(
      dynalite.client,
      (command) => command instanceof Step,
      () => {
        other = paused === 'claim' ? migrate(dynalite.client) : signUp(dynalite.client);
        return other;
      },
    );

    // Act
    await (paused === 'claim' ? signUp(pausedClient) : migrate(pausedClient));
    await other;

    // Assess
    const items = await allItems(tableName);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ userId: subs[0], firstName: 'Racer0', createdAt: '2024-05-01T10:00:00.123Z' });
    expect(items[0]!.userId).not.toBe(legacy[0]!.userId);
  });

  it('finishes a claim whose second write never happened: the migration deletes the item the copy came from', async () => {
    // Prepare: the trigger died between its put and its delete (the delete is refused by a fault).
    const { tableName, legacy, subs, owners } = await legacyWorld(1);
    const dying = clientThatFails(dynalite.client, (command) => command instanceof DeleteCommand);
    await expect(confirm(signUps(dying, tableName, subs), subs[0]!, 0)).rejects.toThrow();
    expect((await allItems(tableName)).map((item) => item.userId).sort()).toEqual([legacy[0]!.userId, subs[0]!].sort());

    // Act
    const summary = await migrateTable({ client: dynalite.client, tableName, apply: true, owners, ...pacers() });

    // Assess
    const items = await allItems(tableName);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ userId: subs[0], firstName: 'Racer0', [CLAIMED_FROM]: legacy[0]!.userId });
    expect(summary.reported).toEqual({});
  });

  it('leaves the migration its move when its copy landed first: the sign-up finds the profile there', async () => {
    // Prepare
    const { tableName, legacy, subs, owners } = await legacyWorld(1);
    await migrateTable({ client: dynalite.client, tableName, apply: true, owners, ...pacers() });

    // Act
    const outcome = await confirm(signUps(dynalite.client, tableName, subs), subs[0]!, 0);

    // Assess
    expect(outcome).toEqual({ kind: 'already-exists' });
    const item = await dynalite.client.send(new GetCommand({ TableName: tableName, Key: { userId: subs[0] } }));
    expect(item.Item?.firstName).toBe('Racer0');
    expect(await allItems(tableName)).toHaveLength(1);
    expect(legacy[0]!.userId).not.toBe(subs[0]);
  });
});

function repositoryOn(client: DynamoDBDocumentClient, tableName: string): UserProfileRepository {
  return new DynamoDbUserProfileRepository({ client, tableName, cursorSigningKey: 'claim-race-test-key' });
}

/** `client`, except that before the first command `pauses` picks is sent, `meanwhile` runs to its end. */
function clientThatWaits(
  client: DynamoDBDocumentClient,
  pauses: (command: unknown) => boolean,
  meanwhile: () => Promise<unknown>,
): DynamoDBDocumentClient {
  let waited = false;
  return new Proxy(client, {
    get(target, property) {
      if (property !== 'send') return Reflect.get(target, property, target) as unknown;
      return async (command: unknown) => {
        if (!waited && pauses(command)) {
          waited = true;
          await meanwhile();
        }
        return (target.send as (c: unknown) => Promise<unknown>)(command);
      };
    },
  });
}

/** `client`, except that the commands `fails` picks throw a network fault instead of being sent. */
function clientThatFails(client: DynamoDBDocumentClient, fails: (command: unknown) => boolean): DynamoDBDocumentClient {
  return new Proxy(client, {
    get(target, property) {
      if (property !== 'send') return Reflect.get(target, property, target) as unknown;
      return (command: unknown) => {
        if (fails(command)) return Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
        return (target.send as (c: unknown) => Promise<unknown>)(command);
      };
    },
  });
}
