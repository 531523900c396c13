import { describeUserProfileRepositoryContract } from '@userprofile/domain/testing';

import { DynamoDbUserProfileRepository } from '../../src';
import { useDynaliteClient } from '../support/dynalite-client';
import { freshTable, storeOriginalItem, TEST_CURSOR_SIGNING_KEY } from '../support/tables';

describe('DynamoDbUserProfileRepository on dynalite (in-process)', () => {
  const dynalite = useDynaliteClient();

  let tableName: string;
  describeUserProfileRepositoryContract(
    'DynamoDB (dynalite)',
    async () => {
      tableName = await freshTable(dynalite.client);
      return new DynamoDbUserProfileRepository({
        client: dynalite.client,
        tableName,
        cursorSigningKey: TEST_CURSOR_SIGNING_KEY,
      });
    },
    { storeLegacyItem: () => storeOriginalItem(dynalite.client, tableName) },
  );
});
