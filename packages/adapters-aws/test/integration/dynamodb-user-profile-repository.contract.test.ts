import { describeUserProfileRepositoryContract } from '@userprofile/domain/testing';

import { createDynamoDbDocumentClient, DynamoDbUserProfileRepository } from '../../src';
import { startDynalite, type RunningEngine } from '../support/dynalite-server';
import { freshTable, TEST_CURSOR_SIGNING_KEY } from '../support/tables';

describe('DynamoDbUserProfileRepository on dynalite (in-process)', () => {
  let engine: RunningEngine;
  let client: ReturnType<typeof createDynamoDbDocumentClient>;

  beforeAll(async () => {
    engine = await startDynalite();
    client = createDynamoDbDocumentClient({ endpoint: engine.endpoint });
  });

  afterAll(async () => {
    client.destroy();
    await engine.stop();
  });

  describeUserProfileRepositoryContract('DynamoDB (dynalite)', async () => {
    return new DynamoDbUserProfileRepository({
      client,
      tableName: await freshTable(client),
      cursorSigningKey: TEST_CURSOR_SIGNING_KEY,
    });
  });
});
