import {
  CreateTableCommand,
  DescribeTableCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { USER_PROFILE_TABLE } from './user-profile-table';

/** `CreateTable` input for the profile table, from the one design in `USER_PROFILE_TABLE`. */
export function userProfileTableDefinition(tableName: string) {
  const { partitionKey, emailIndex } = USER_PROFILE_TABLE;
  return {
    TableName: tableName,
    AttributeDefinitions: [
      { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
      { AttributeName: emailIndex.partitionKey.name, AttributeType: emailIndex.partitionKey.type },
    ],
    KeySchema: [{ AttributeName: partitionKey.name, KeyType: 'HASH' as const }],
    GlobalSecondaryIndexes: [
      {
        IndexName: emailIndex.indexName,
        KeySchema: [{ AttributeName: emailIndex.partitionKey.name, KeyType: 'HASH' as const }],
        Projection: { ProjectionType: emailIndex.projection },
      },
    ],
    BillingMode: 'PAY_PER_REQUEST' as const,
  };
}

/**
 * Creates the profile table unless it exists, and returns once it is ACTIVE. For local
 * engines (the local server's bootstrap, tests, benchmarks); in AWS the CDK app owns the table.
 */
export async function createUserProfileTable(
  client: DynamoDBClient | DynamoDBDocumentClient,
  tableName: string,
): Promise<void> {
  // A document client shares its plain client's config and middleware, so it sends table
  // commands as they are (lib-dynamodb documents this); only its `send` typing is narrower.
  const plain = client as DynamoDBClient;
  try {
    await plain.send(new CreateTableCommand(userProfileTableDefinition(tableName)));
  } catch (error) {
    if ((error as { name?: unknown }).name !== 'ResourceInUseException') throw error;
  }
  const status = await plain.send(new DescribeTableCommand({ TableName: tableName }));
  if (status.Table?.TableStatus !== 'ACTIVE') {
    await waitUntilTableExists({ client: plain, maxWaitTime: 60, minDelay: 1 }, { TableName: tableName });
  }
}
