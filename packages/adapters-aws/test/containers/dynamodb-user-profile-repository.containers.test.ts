import { UserProfileMother } from '@userprofile/testing';
import { StoreUnavailableError } from '@userprofile/domain';

import { describeDynamoDbRepositoryContract, repositoryOn } from '../support/repository-contract';
import { freshTable } from '../support/tables';
import { dynamoDbTestImage, useDynamoDbContainer } from './support/dynamodb-container';

const { image } = dynamoDbTestImage();

describe(`DynamoDbUserProfileRepository against ${image} (testcontainers)`, () => {
  const container = useDynamoDbContainer();

  describeDynamoDbRepositoryContract(`DynamoDB (${image} in a container)`, container);

  describe('when the container stops', () => {
    it('fails requests with StoreUnavailableError in bounded time', async () => {
      // Prepare
      const repository = repositoryOn(container.client, await freshTable(container.client));
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
