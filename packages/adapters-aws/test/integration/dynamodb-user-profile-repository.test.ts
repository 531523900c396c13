import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  InvalidCursorError,
  ProfileNotFoundError,
  StaleVersionError,
  StoreUnavailableError,
  type UserProfileRepository,
} from '@userprofile/domain';
import {
  closedPort,
  startDynalite,
  startSilentEndpoint,
  UserProfileMother,
  type SilentEndpoint,
} from '@userprofile/testing';

import {
  createDynamoDbDocumentClient,
  createUserProfileTable,
  DynamoDbUserProfileRepository,
  RETRY_AFTER_SECONDS,
  StoreRequestError,
  USER_PROFILE_TABLE,
} from '../../src';
import { useDynaliteClient } from '../support/dynalite-client';
import { freshTable, TEST_CURSOR_SIGNING_KEY } from '../support/tables';

// Every failure below must arrive well within this: the client's timeouts bound it, not jest.
const BOUNDED = 10_000;

describe('DynamoDbUserProfileRepository (adapter specifics, dynalite in-process)', () => {
  const dynalite = useDynaliteClient();
  let tableName: string;
  let repository: DynamoDbUserProfileRepository;

  beforeEach(async () => {
    tableName = await freshTable(dynalite.client);
    repository = new DynamoDbUserProfileRepository({
      client: dynalite.client,
      tableName,
      cursorSigningKey: TEST_CURSOR_SIGNING_KEY,
    });
  });

  const storeProfiles = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const created = await repository.create(UserProfileMother.create());
      if (!created.ok) throw created.error;
    }
  };

  describe('the table', () => {
    it('is created from USER_PROFILE_TABLE, and creating it again is harmless', async () => {
      // Prepare: beforeEach created it once.
      // Act
      await createUserProfileTable(dynalite.client, tableName);
      const plain = new DynamoDBClient({
        endpoint: dynalite.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      });
      const { Table } = await plain.send(new DescribeTableCommand({ TableName: tableName }));
      plain.destroy();

      // Assess
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.KeySchema).toEqual([{ AttributeName: USER_PROFILE_TABLE.partitionKey.name, KeyType: 'HASH' }]);
      expect(
        Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema, index.Projection]),
      ).toEqual([
        [
          USER_PROFILE_TABLE.emailIndex.indexName,
          [{ AttributeName: 'email', KeyType: 'HASH' }],
          { ProjectionType: 'ALL' },
        ],
      ]);
    });
  });

  describe('stored items', () => {
    it('hold plain attributes and no phoneNumber attribute when there is no number', async () => {
      // Prepare
      const profile = UserProfileMother.create({ phoneNumber: null });

      // Act
      await repository.create(profile);

      // Assess
      const { Item } = await dynalite.client.send(
        new GetCommand({ TableName: tableName, Key: { userId: profile.userId } }),
      );
      const { phoneNumber: _none, ...expected } = profile.toPrimitives();
      expect(Item).toEqual(expected);
    });
  });

  describe('condition translation', () => {
    it('reports a versioned delete of a missing profile as not found, not stale', async () => {
      const result = await repository.delete(UserProfileMother.userId(), { version: 3, incarnation: 'abc' });
      expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
    });

    it('reports a versioned update of a deleted profile as not found, and does not resurrect it', async () => {
      // Prepare
      const profile = UserProfileMother.create();
      await repository.create(profile);
      await repository.delete(profile.userId);

      // Act
      const result = await repository.applyChange(
        UserProfileMother.change(profile.userId, { firstName: 'Late' }),
        profile.revision,
      );

      // Assess
      expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
      expect((await dynalite.client.send(new ScanCommand({ TableName: tableName }))).Items).toEqual([]);
    });

    it('names the revision the caller expected in a stale result', async () => {
      const profile = UserProfileMother.create();
      await repository.create(profile);

      const result = await repository.delete(profile.userId, { ...profile.revision, version: 7 });

      expect(!result.ok && result.error).toEqual(expect.any(StaleVersionError));
      expect(!result.ok && (result.error as StaleVersionError).expected).toEqual({ ...profile.revision, version: 7 });
    });
  });

  describe('cursors', () => {
    const firstCursor = async (repo: UserProfileRepository) => {
      const page = await repo.list({ limit: 2 });
      if (!page.ok || page.value.nextCursor === null) throw new Error('expected a next page');
      return page.value.nextCursor;
    };

    it('resume where the previous page ended, across repository instances sharing the key', async () => {
      // Prepare
      await storeProfiles(5);
      const other = new DynamoDbUserProfileRepository({
        client: dynalite.client,
        tableName,
        cursorSigningKey: TEST_CURSOR_SIGNING_KEY,
      });
      const cursor = await firstCursor(repository);

      // Act
      const page = await other.list({ limit: 10, cursor });

      // Assess
      expect(page.ok && page.value.items).toHaveLength(3);
    });

    it('are refused when signed with another key (another deployment)', async () => {
      await storeProfiles(3);
      const foreign = new DynamoDbUserProfileRepository({
        client: dynalite.client,
        tableName,
        cursorSigningKey: 'another-key',
      });

      const page = await repository.list({ limit: 2, cursor: await firstCursor(foreign) });

      expect(!page.ok && page.error).toBeInstanceOf(InvalidCursorError);
    });

    it('are refused when any single character is changed', async () => {
      // Prepare
      await storeProfiles(3);
      const cursor = await firstCursor(repository);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
      const variants = [...cursor].map((char, i) => {
        const replacement = alphabet[(alphabet.indexOf(char) + 1) % alphabet.length];
        return cursor.slice(0, i) + replacement + cursor.slice(i + 1);
      });

      // Act
      const results = await Promise.all(variants.map((variant) => repository.list({ limit: 2, cursor: variant })));

      // Assess
      expect(results.filter((page) => page.ok)).toHaveLength(0);
    });

    it('do not reveal the table name', async () => {
      await storeProfiles(3);
      const cursor = await firstCursor(repository);
      const decoded = cursor
        .split('.')
        .map((part) => Buffer.from(part, 'base64url').toString('latin1'))
        .join('.');
      expect(decoded).not.toContain(tableName);
    });
  });

  describe('when the table is missing (a deployment fault)', () => {
    it('throws StoreRequestError that names neither the table nor the SDK message', async () => {
      const missing = new DynamoDbUserProfileRepository({
        client: dynalite.client,
        tableName: 'no-such-table',
        cursorSigningKey: 'k',
      });

      const error = await missing.get('someone').catch((e: unknown) => e);

      expect(error).toBeInstanceOf(StoreRequestError);
      expect(String((error as Error).message)).toMatch(/ResourceNotFoundException/);
      expect(JSON.stringify(error) + String(error)).not.toContain('no-such-table');
    });
  });
});

describe('DynamoDbUserProfileRepository when the store cannot answer', () => {
  const repositoryAt = (endpoint: string, options: { requestTimeoutMs?: number } = {}) =>
    new DynamoDbUserProfileRepository({
      client: createDynamoDbDocumentClient({ endpoint, ...options }),
      tableName: 'user-profiles-test',
      cursorSigningKey: TEST_CURSOR_SIGNING_KEY,
    });

  const everyOperation = (repository: UserProfileRepository) => {
    const profile = UserProfileMother.create();
    return [
      repository.get(profile.userId),
      repository.create(profile),
      repository.applyChange(UserProfileMother.change(profile.userId, { firstName: 'Ada' }), profile.revision),
      repository.delete(profile.userId),
      repository.list({ limit: 5 }),
      repository.findByEmail(profile.email, { limit: 5 }),
    ].map((operation) =>
      operation.then(
        () => 'answered',
        (error: unknown) => error,
      ),
    );
  };

  it(
    'throws StoreUnavailableError from every operation when nothing listens',
    async () => {
      const repository = repositoryAt(await closedPort());

      const outcomes = await Promise.all(everyOperation(repository));

      for (const outcome of outcomes) {
        expect(outcome).toBeInstanceOf(StoreUnavailableError);
        expect((outcome as StoreUnavailableError).retryAfterSeconds).toBe(RETRY_AFTER_SECONDS.unreachable);
      }
    },
    BOUNDED,
  );

  it(
    'throws StoreUnavailableError once the engine it was using stops',
    async () => {
      // Prepare
      const engine = await startDynalite();
      const client = createDynamoDbDocumentClient({ endpoint: engine.endpoint });
      const tableName = await freshTable(client);
      const repository = new DynamoDbUserProfileRepository({ client, tableName, cursorSigningKey: 'k' });
      const profile = UserProfileMother.create();
      await repository.create(profile);

      // Act
      await engine.stop();
      const error = await repository.get(profile.userId).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(StoreUnavailableError);
      client.destroy();
    },
    BOUNDED,
  );

  describe('against a store that takes requests and never answers', () => {
    let silent: SilentEndpoint;
    afterEach(() => silent.stop());

    it(
      'gives up after its request time-out and one retry, as StoreUnavailableError',
      async () => {
        silent = await startSilentEndpoint();
        const repository = repositoryAt(silent.endpoint, { requestTimeoutMs: 300 });

        const error = await repository.get('someone').catch((e: unknown) => e);

        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect(silent.requests()).toBe(2);
      },
      BOUNDED,
    );
  });
});
