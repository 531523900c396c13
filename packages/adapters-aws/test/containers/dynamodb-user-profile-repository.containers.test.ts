import { describeUserProfileRepositoryContract } from '@userprofile/domain/testing';
import { UserProfileMother } from '@userprofile/domain/testing';
import { StoreUnavailableError } from '@userprofile/domain';

import { DynamoDbUserProfileRepository } from '../../src';
import { freshTable, storeOriginalItem, TEST_CURSOR_SIGNING_KEY } from '../support/tables';
import { dynamoDbTestImage, useDynamoDbContainer } from './support/dynamodb-container';

const { image } = dynamoDbTestImage();

describe(`DynamoDbUserProfileRepository against ${image} (testcontainers)`, () => {
  const container = useDynamoDbContainer();

  let tableName: string;
  describeUserProfileRepositoryContract(
    `DynamoDB (${image} in a container)`,
    async () => {
      tableName = await freshTable(container.client);
      return new DynamoDbUserProfileRepository({
        client: container.client,
        tableName,
        cursorSigningKey: TEST_CURSOR_SIGNING_KEY,
      });
    },
    { storeLegacyItem: () => storeOriginalItem(container.client, tableName) },
  );

  describe('when the container stops', () => {
    it('fails requests with StoreUnavailableError in bounded time', async () => {
      // Prepare
      const repository = new DynamoDbUserProfileRepository({
        client: container.client,
        tableName: await freshTable(container.client),
        cursorSigningKey: TEST_CURSOR_SIGNING_KEY,
      });
      const profile = UserProfileMother.create();
      await repository.create(profile);

      // Act
      await container.stopEngine();
      const error = await repository.get(profile.userId).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(StoreUnavailableError);
    }, 30_000);
  });
});
