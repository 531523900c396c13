import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describeUserProfileRepositoryContract } from '@userprofile/testing';

import { DynamoDbUserProfileRepository } from '../../src';
import { freshTable, storeOriginalItem, TEST_CURSOR_SIGNING_KEY } from './tables';

/** The repository on `tableName` of `client`'s engine, signing cursors with the test key. */
export const repositoryOn = (client: DynamoDBDocumentClient, tableName: string): DynamoDbUserProfileRepository =>
  new DynamoDbUserProfileRepository({ client, tableName, cursorSigningKey: TEST_CURSOR_SIGNING_KEY });

/**
 * The repository contract suite against this package's repository on `engine`: a fresh table per
 * test, and legacy items stored there as the original stack wrote them.
 */
export function describeDynamoDbRepositoryContract(
  name: string,
  engine: { readonly client: DynamoDBDocumentClient },
): void {
  let tableName: string;
  describeUserProfileRepositoryContract(
    name,
    async () => {
      tableName = await freshTable(engine.client);
      return repositoryOn(engine.client, tableName);
    },
    { storeLegacyItem: () => storeOriginalItem(engine.client, tableName) },
  );
}
