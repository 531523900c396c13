import { randomUUID } from 'node:crypto';

import { describeIdempotencyStoreContract } from '@userprofile/testing';

import { createIdempotencyTable, DynamoDbIdempotencyStore } from '../../src';
import { dynamoDbTestImage, useDynamoDbContainer } from './support/dynamodb-container';

const { image } = dynamoDbTestImage();

describe(`DynamoDbIdempotencyStore against ${image} (testcontainers)`, () => {
  const container = useDynamoDbContainer();
  let tableName: string | undefined;

  describeIdempotencyStoreContract(`DynamoDB (${image} in a container)`, async () => {
    if (tableName === undefined) {
      tableName = `user-profile-idempotency-test-${randomUUID()}`;
      await createIdempotencyTable(container.client, tableName);
    }
    return new DynamoDbIdempotencyStore({ client: container.client, tableName });
  });
});
