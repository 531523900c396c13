import { describeUserProfileRepositoryContract } from '@userprofile/domain/testing';
import { UserProfileMother } from '@userprofile/domain/testing';
import { StoreUnavailableError } from '@userprofile/domain';
import { type RunningEngine } from '@userprofile/testing';

import { createDynamoDbDocumentClient, DynamoDbUserProfileRepository } from '../../src';
import { freshTable, storeOriginalItem, TEST_CURSOR_SIGNING_KEY } from '../support/tables';
import { connectToContainerEngine, dynamoDbTestImage, startDynamoDbContainer } from './support/dynamodb-container';

const { image } = dynamoDbTestImage();

describe(`DynamoDbUserProfileRepository against ${image} (testcontainers)`, () => {
  let engine: RunningEngine | undefined;
  let client: ReturnType<typeof createDynamoDbDocumentClient>;

  beforeAll(async () => {
    await connectToContainerEngine();
    engine = await startDynamoDbContainer();
    client = createDynamoDbDocumentClient({ endpoint: engine.endpoint });
  }, 120_000);

  afterAll(async () => {
    client?.destroy();
    await engine?.stop();
  }, 30_000);

  let tableName: string;
  describeUserProfileRepositoryContract(
    `DynamoDB (${image} in a container)`,
    async () => {
      tableName = await freshTable(client);
      return new DynamoDbUserProfileRepository({ client, tableName, cursorSigningKey: TEST_CURSOR_SIGNING_KEY });
    },
    { storeLegacyItem: () => storeOriginalItem(client, tableName) },
  );

  describe('when the container stops', () => {
    it('fails requests with StoreUnavailableError in bounded time', async () => {
      // Prepare
      const repository = new DynamoDbUserProfileRepository({
        client,
        tableName: await freshTable(client),
        cursorSigningKey: TEST_CURSOR_SIGNING_KEY,
      });
      const profile = UserProfileMother.create();
      await repository.create(profile);

      // Act
      await engine!.stop();
      engine = undefined;
      const error = await repository.get(profile.userId).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(StoreUnavailableError);
    }, 30_000);
  });
});
