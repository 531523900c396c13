import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { pseudonymOf } from '@userprofile/domain';
import {
  LegacyItemMother,
  type RunningEngine,
  startDynalite,
  startMoto,
  TEST_PSEUDONYM_KEY,
} from '@userprofile/testing';

import { createDynamoDbDocumentClient } from '@userprofile/adapters-aws';
import { CapacityPacer } from '../../src/capacity-pacer';
import { writeCheckpoint } from '../../src/checkpoint';
import { runMigrationCli } from '../../src/cli';
import { planItem, readForMigration } from '../../src/item-plan';
import { migrateTable } from '../../src/migrate-table';
import { cognitoSetUpClient, createUser, createUserPool, storeOriginalItem } from '../support/legacy-world';

type Item = Record<string, unknown>;
type SendHook = (command: unknown) => Promise<void>;

const INCARNATION = /^[a-z0-9]{16}$/;

describe('pnpm migrate on a table of the original stack (dynalite + moto cognito-idp)', () => {
  let dynalite: RunningEngine;
  let moto: RunningEngine;
  let client: DynamoDBDocumentClient;
  let cognito: CognitoIdentityProviderClient;
  let userPoolId: string;
  let workDir: string;
  const subs: Record<string, string> = {};

  beforeAll(async () => {
    [dynalite, moto] = await Promise.all([startDynalite(), startMoto()]);
    // A set-up client: long time-outs, no retries (see cognitoSetUpClient).
    client = createDynamoDbDocumentClient({ endpoint: dynalite.endpoint, requestTimeoutMs: 30_000, maxAttempts: 1 });
    cognito = cognitoSetUpClient(moto.endpoint);
    userPoolId = await createUserPool(cognito, 'legacy-users');
    subs.created = await createUser(cognito, userPoolId, 'legacy.one@example.com');
    subs.upserted = await createUser(cognito, userPoolId, 'upserted@example.com');
    // Cognito compares emails exactly: this one is only found as the original stored it.
    subs.mixedCase = await createUser(cognito, userPoolId, 'Mixed.Case@Example.com');
    // A profile this service wrote is keyed by its owner's sub; its email need not be the sign-in one.
    subs.current = await createUser(cognito, userPoolId, 'grace.signin@example.com');
    await createUser(cognito, userPoolId, 'twice@example.com');
    await createUser(cognito, userPoolId, 'twice@example.com');
  }, 120_000);

  afterAll(async () => {
    client?.destroy();
    cognito?.destroy();
    await Promise.all([dynalite?.stop(), moto?.stop()]);
  });

  beforeEach(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'migrate-test-'));
  });

  afterEach(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  /** A table in the original's design: key userId, provisioned capacity, no email index. */
  async function originalTable(): Promise<string> {
    const tableName = `user-profiles-original-${randomUUID()}`;
    await (client as unknown as DynamoDBClient).send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: 'userId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: 1_000, WriteCapacityUnits: 1_000 },
      }),
    );
    return tableName;
  }

  /** Every legacy shape, and what the migration with re-keying should make of it. */
  async function seedEveryShape(tableName: string) {
    const items = {
      created: LegacyItemMother.created(),
      upserted: LegacyItemMother.upserted(),
      mixedCase: LegacyItemMother.created({ email: 'Mixed.Case@Example.com', phoneNumber: '+447700900456' }),
      current: LegacyItemMother.current({ userId: subs.current }),
      unmatched: LegacyItemMother.created({ email: 'nobody@example.com' }),
      ambiguous: LegacyItemMother.created({ email: 'twice@example.com' }),
      lossy: LegacyItemMother.created({ email: 'legacy.one@example.com', phoneNumber: 'call me after six' }),
      noEmail: LegacyItemMother.upserted({ email: null }),
    };
    for (const Item of Object.values(items)) await client.send(new PutCommand({ TableName: tableName, Item }));
    return items;
  }

  async function scan(tableName: string): Promise<Item[]> {
    const page = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
    return (page.Items ?? []).sort((a, b) => String(a.userId).localeCompare(String(b.userId)));
  }

  async function get(tableName: string, userId: unknown): Promise<Item | undefined> {
    return (await client.send(new GetCommand({ TableName: tableName, Key: { userId }, ConsistentRead: true }))).Item;
  }

  async function runCli(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    return runCliWith({}, ...argv);
  }

  /** `runCli`, with more of the command's io (a pseudonym key). */
  async function runCliWith(
    io: { pseudonymKey?: typeof TEST_PSEUDONYM_KEY },
    ...argv: string[]
  ): Promise<{ status: number; stdout: string; stderr: string }> {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: string[] = [];
    const err: string[] = [];
    stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
    stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
    const status = await runMigrationCli([...argv, '--endpoint', dynalite.endpoint, '--no-progress'], {
      stdout,
      stderr,
      ...io,
    });
    return { status, stdout: out.join(''), stderr: err.join('') };
  }

  const rekeying = () => ['--user-pool-id', userPoolId, '--cognito-endpoint', moto.endpoint];

  /** A client that runs `hook` before passing each command on: live traffic at an exact moment. */
  function clientWithHook(hook: SendHook): Pick<DynamoDBDocumentClient, 'send'> {
    return {
      send: (async (command: unknown) => {
        await hook(command);
        return client.send(command as PutCommand);
      }) as DynamoDBDocumentClient['send'],
    };
  }

  /** A client through which another writer changes the item once, just before the first command `when` picks. */
  function clientWithOneLiveWrite(
    tableName: string,
    userId: string,
    when: (command: unknown) => boolean,
    change: Pick<UpdateCommandInput, 'UpdateExpression' | 'ExpressionAttributeValues'>,
  ): Pick<DynamoDBDocumentClient, 'send'> {
    let written = false;
    return clientWithHook(async (command) => {
      if (written || !when(command)) return;
      written = true;
      await client.send(new UpdateCommand({ TableName: tableName, Key: { userId }, ...change }));
    });
  }

  const pacers = () => ({ readPacer: new CapacityPacer(1_000), writePacer: new CapacityPacer(1_000) });

  it('dry run: changes nothing and prints a summary of what it would do', async () => {
    // Prepare
    const tableName = await originalTable();
    await seedEveryShape(tableName);
    const before = await scan(tableName);

    // Act
    const run = await runCli('--table', tableName, ...rekeying());

    // Assess
    expect(run.status).toBe(0);
    expect(await scan(tableName)).toEqual(before);
    expect(run.stdout).toMatch(/Dry run on .*nothing was written/);
    expect(run.stdout).toMatch(/items scanned\s+8\n/);
    expect(run.stdout).toMatch(/already current\s+1\n/);
    expect(run.stdout).toMatch(/to move to the owner's sub\s+3\n/);
    expect(run.stdout).toMatch(/reported and left as they are\s+4\n/);
    expect(run.stdout).not.toMatch(/@/);
  }, 60_000);

  it("--apply moves each matched profile to its owner's sub in the current shape, reports the rest and keeps them", async () => {
    // Prepare
    const tableName = await originalTable();
    const items = await seedEveryShape(tableName);
    const reportFile = join(workDir, 'report.jsonl');

    // Act
    const run = await runCli('--table', tableName, ...rekeying(), '--apply', '--report', reportFile);

    // Assess
    expect(run.status).toBe(0);
    expect(await get(tableName, subs.created)).toEqual(
      LegacyItemMother.createdInCurrentShape(subs.created, expect.stringMatching(INCARNATION)),
    );
    expect(await get(tableName, subs.upserted)).toMatchObject({
      email: 'upserted@example.com',
      firstName: '',
      lastName: '7',
      createdAt: '2024-06-01T08:00:00.000Z',
      version: 1,
    });
    expect(await get(tableName, subs.mixedCase)).toMatchObject({
      email: 'mixed.case@example.com',
      phoneNumber: '+447700900456',
    });
    for (const moved of [items.created, items.upserted, items.mixedCase])
      expect(await get(tableName, moved.userId)).toBeUndefined();
    for (const kept of [items.current, items.unmatched, items.ambiguous, items.lossy, items.noEmail]) {
      expect(await get(tableName, kept.userId)).toEqual(kept);
    }
    const report = (await readFile(reportFile, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Item);
    expect(report).toEqual(
      expect.arrayContaining([
        { userId: items.created.userId, outcome: 'moved', to: subs.created },
        { userId: items.unmatched.userId, outcome: 'reported', reason: 'no-cognito-user' },
        { userId: items.ambiguous.userId, outcome: 'reported', reason: 'several-cognito-users' },
        { userId: items.lossy.userId, outcome: 'reported', reason: 'lossy-value', fields: ['phoneNumber'] },
        { userId: items.noEmail.userId, outcome: 'reported', reason: 'missing-email' },
      ]),
    );
    expect(report).toHaveLength(7);
    expect(`${run.stdout}${run.stderr}${JSON.stringify(report)}`).not.toMatch(/@|call me|Lovelace/);
  }, 60_000);

  it('names email-keyed items by their audit pseudonym: one it moves, and one it cannot re-key, reported with its reason', async () => {
    // Prepare: the original stack let a profile's key be its owner's email.
    const tableName = await originalTable();
    const movable = LegacyItemMother.created({ userId: 'legacy.one@example.com' });
    const unmatched = LegacyItemMother.created({
      userId: 'nobody.keyed@example.com',
      email: 'nobody.keyed@example.com',
    });
    for (const Item of [movable, unmatched]) await client.send(new PutCommand({ TableName: tableName, Item }));
    const reportFile = join(workDir, 'report.jsonl');

    // Act
    const run = await runCliWith(
      { pseudonymKey: TEST_PSEUDONYM_KEY },
      ...['--table', tableName, ...rekeying(), '--apply', '--report', reportFile],
    );

    // Assess
    expect(run.status).toBe(0);
    const reportText = await readFile(reportFile, 'utf8');
    const report = reportText
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Item);
    expect(report).toEqual(
      expect.arrayContaining([
        { userIdPseudonym: pseudonymOf(movable.userId, TEST_PSEUDONYM_KEY), outcome: 'moved', to: subs.created },
        {
          userIdPseudonym: pseudonymOf(unmatched.userId, TEST_PSEUDONYM_KEY),
          outcome: 'reported',
          reason: 'no-cognito-user',
        },
      ]),
    );
    expect(report).toHaveLength(2);
    expect(`${run.stdout}${run.stderr}${reportText}`).not.toMatch(/@|nobody\.keyed|legacy\.one/);
    expect(await get(tableName, unmatched.userId)).toEqual(unmatched);
    expect(await get(tableName, movable.userId)).toBeUndefined();
    expect(await get(tableName, subs.created)).toMatchObject({ email: 'legacy.one@example.com' });
  }, 60_000);

  it('without a user pool, says how many items keep an id that may be personal data, without naming them', async () => {
    // Prepare
    const tableName = await originalTable();
    const emailKeyed = LegacyItemMother.created({ userId: 'kept.keyed@example.com' });
    for (const Item of [emailKeyed, LegacyItemMother.created()]) {
      await client.send(new PutCommand({ TableName: tableName, Item }));
    }

    // Act
    const run = await runCli('--table', tableName, '--apply');

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^1 item\(s\) keep an id that may be personal data .*--user-pool-id/m);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/@|kept\.keyed/);
    expect(await get(tableName, emailKeyed.userId)).toMatchObject({ email: 'legacy.one@example.com' });
  }, 60_000);

  it('a second --apply is a no-op: it writes nothing and says so', async () => {
    // Prepare
    const tableName = await originalTable();
    await seedEveryShape(tableName);
    expect((await runCli('--table', tableName, ...rekeying(), '--apply')).status).toBe(0);
    const afterFirst = await scan(tableName);

    // Act
    const second = await runCli('--table', tableName, ...rekeying(), '--apply');

    // Assess
    expect(second.status).toBe(0);
    expect(await scan(tableName)).toEqual(afterFirst);
    expect(second.stdout).toMatch(/already current\s+4\n/);
    expect(second.stdout).toMatch(/normalized in place\s+0\n/);
    expect(second.stdout).toMatch(/moved to the owner's sub\s+0\n/);
  }, 60_000);

  it('without a user pool, normalizes every fixable item in place', async () => {
    // Prepare
    const tableName = await originalTable();
    const items = await seedEveryShape(tableName);

    // Act
    const run = await runCli('--table', tableName, '--apply');

    // Assess
    expect(run.status).toBe(0);
    expect(await get(tableName, items.created.userId)).toMatchObject({
      email: 'legacy.one@example.com',
      createdAt: '2024-05-01T10:00:00.123Z',
      version: 1,
      incarnation: expect.stringMatching(INCARNATION),
    });
    expect(await get(tableName, items.created.userId)).not.toHaveProperty('phoneNumber');
    expect(await get(tableName, items.upserted.userId)).toMatchObject({
      createdAt: '2024-06-01T08:00:00.000Z',
      firstName: '',
    });
    expect(await get(tableName, items.lossy.userId)).toEqual(items.lossy);
    expect(run.stdout).toMatch(/normalized in place\s+5\n/);
  }, 60_000);

  it("two legacy profiles of one user: the first moves to the user's sub, the second is reported and kept", async () => {
    // Prepare: the original never made emails unique.
    const tableName = await originalTable();
    const first = LegacyItemMother.created();
    const second = LegacyItemMother.created({ firstName: 'Augusta' });
    for (const Item of [first, second]) await client.send(new PutCommand({ TableName: tableName, Item }));

    // Act
    const run = await runCli('--table', tableName, ...rekeying(), '--apply');

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/moved to the owner's sub\s+1\n/);
    expect(run.stdout).toMatch(/target-exists\s+1\n/);
    const left = await scan(tableName);
    expect(left).toHaveLength(2);
    const kept = left.filter((item) => item.userId !== subs.created);
    expect(kept).toHaveLength(1);
    expect([first, second]).toContainEqual(kept[0]);
  }, 60_000);

  it('an interrupted run carries on from its checkpoint with --resume, and ends with every item current', async () => {
    // Prepare: 10 items, pages of 3; stop after the 4th item, inside the second page.
    const tableName = await originalTable();
    for (let i = 0; i < 10; i += 1) {
      await client.send(
        new PutCommand({ TableName: tableName, Item: LegacyItemMother.created({ email: `User${i}@Example.com` }) }),
      );
    }
    const checkpointFile = join(workDir, 'checkpoint.json');
    const controller = new AbortController();
    let handled = 0;
    const first = await migrateTable({
      client,
      tableName,
      apply: true,
      ...pacers(),
      pageSize: 3,
      signal: controller.signal,
      onItem: () => {
        handled += 1;
        if (handled === 4) controller.abort();
      },
      onPage: (checkpoint) => writeCheckpoint(checkpointFile, checkpoint),
    });
    const legacyLeft = (await scan(tableName)).filter((item) => item.incarnation === undefined);

    // Act
    const resumed = await runCli(
      '--table',
      tableName,
      '--apply',
      '--page-size',
      '3',
      '--checkpoint',
      checkpointFile,
      '--resume',
    );

    // Assess
    expect(first).toMatchObject({ interrupted: true, normalized: 4 });
    expect(legacyLeft).toHaveLength(6);
    expect(resumed.status).toBe(0);
    // The unfinished second page is read again: its one done item is recognised as current.
    expect(resumed.stdout).toMatch(/already current\s+1\n/);
    expect(resumed.stdout).toMatch(/normalized in place\s+6\n/);
    for (const item of await scan(tableName))
      expect(planItem(readForMigration(item), undefined, () => 'x')).toEqual({ action: 'keep' });
    expect(JSON.parse(await readFile(checkpointFile, 'utf8'))).toEqual({ tableName, done: true });
  }, 60_000);

  it('a live write between the scan and the rewrite is kept: the item is read again and migrated with it', async () => {
    // Prepare
    const tableName = await originalTable();
    const userId = await storeOriginalItem(client, tableName);
    const racing = clientWithOneLiveWrite(tableName, userId, (command) => command instanceof PutCommand, {
      UpdateExpression: 'SET firstName = :name, updatedAt = :now',
      ExpressionAttributeValues: { ':name': 'Augusta', ':now': '2026-01-01T00:00:00.000000' },
    });

    // Act
    const summary = await migrateTable({ client: racing, tableName, apply: true, ...pacers() });

    // Assess
    expect(summary).toMatchObject({ normalized: 1, retriedAfterLiveWrite: 1 });
    expect(await get(tableName, userId)).toMatchObject({
      firstName: 'Augusta',
      updatedAt: '2026-01-01T00:00:00.000Z',
      email: 'legacy.one@example.com',
      incarnation: expect.stringMatching(INCARNATION),
    });
  }, 60_000);

  it('a live write to the old item during a move takes the copy back and moves the item as it now is', async () => {
    // Prepare
    const tableName = await originalTable();
    const userId = await storeOriginalItem(client, tableName);
    const deletesTheOldItem = (command: unknown) =>
      command instanceof DeleteCommand && command.input.Key?.userId === userId;
    const racing = clientWithOneLiveWrite(tableName, userId, deletesTheOldItem, {
      UpdateExpression: 'SET lastName = :name',
      ExpressionAttributeValues: { ':name': 'King' },
    });
    const owners = { findOwner: async () => ({ kind: 'one' as const, sub: subs.created as string }) };

    // Act
    const summary = await migrateTable({ client: racing, tableName, apply: true, owners, ...pacers() });

    // Assess
    expect(summary).toMatchObject({ moved: 1, retriedAfterLiveWrite: 1 });
    expect(await get(tableName, userId)).toBeUndefined();
    expect(await get(tableName, subs.created)).toMatchObject({ lastName: 'King', firstName: 'Ada' });
    expect(await scan(tableName)).toHaveLength(1);
  }, 60_000);

  it('a move cut off between its put and its delete is finished by the next run', async () => {
    // Prepare: the first run dies as it is about to delete the old item.
    const tableName = await originalTable();
    await storeOriginalItem(client, tableName);
    const crashing = clientWithHook(async (command) => {
      if (command instanceof DeleteCommand)
        throw Object.assign(new Error('connection reset'), { name: 'TimeoutError' });
    });
    const owners = { findOwner: async () => ({ kind: 'one' as const, sub: subs.created as string }) };
    await expect(migrateTable({ client: crashing, tableName, apply: true, owners, ...pacers() })).rejects.toThrow(
      'connection reset',
    );
    const copy = await get(tableName, subs.created);

    // Act
    const rerun = await runCli('--table', tableName, ...rekeying(), '--apply');

    // Assess
    expect(copy).toBeDefined();
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toMatch(/moved to the owner's sub\s+1\n/);
    expect(await scan(tableName)).toEqual([copy]);
  }, 60_000);
});
