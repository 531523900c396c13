import { randomUUID } from 'node:crypto';

import { describeIdempotencyStoreContract } from '@userprofile/domain/testing';
import { type RunningEngine } from '@userprofile/testing';

import { createDynamoDbDocumentClient, createIdempotencyTable, DynamoDbIdempotencyStore } from '../../src';
import { connectToContainerEngine, dynamoDbTestImage, startDynamoDbContainer } from './support/dynamodb-container';

const { image } = dynamoDbTestImage();

describe(`DynamoDbIdempotencyStore against ${image} (testcontainers)`, () => {
  let engine: RunningEngine | undefined;
  let client: ReturnType<typeof createDynamoDbDocumentClient>;
  let tableName: string | undefined;

  beforeAll(async () => {
    await connectToContainerEngine();
    engine = await startDynamoDbContainer();
    client = createDynamoDbDocumentClient({ endpoint: engine.endpoint });
  }, 120_000);

  afterAll(async () => {
    client?.destroy();
    await engine?.stop();
  }, 30_000);

  describeIdempotencyStoreContract(`DynamoDB (${image} in a container)`, async () => {
    if (tableName === undefined) {
      tableName = `user-profile-idempotency-test-${randomUUID()}`;
      await createIdempotencyTable(client, tableName);
    }
    return new DynamoDbIdempotencyStore({ client, tableName });
  });
});
