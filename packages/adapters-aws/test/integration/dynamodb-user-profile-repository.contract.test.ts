import { describeUserProfileRepositoryContract } from '@userprofile/domain/testing';

import { DynamoDbUserProfileRepository } from '../../src';
import { useDynaliteClient } from '../support/dynalite-client';
import { freshTable, TEST_CURSOR_SIGNING_KEY } from '../support/tables';

describe('DynamoDbUserProfileRepository on dynalite (in-process)', () => {
  const dynalite = useDynaliteClient();

  describeUserProfileRepositoryContract('DynamoDB (dynalite)', async () => {
    return new DynamoDbUserProfileRepository({
      client: dynalite.client,
      tableName: await freshTable(dynalite.client),
      cursorSigningKey: TEST_CURSOR_SIGNING_KEY,
    });
  });
});
