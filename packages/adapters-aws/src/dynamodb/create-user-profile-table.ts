import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { attributeDefinition, createTableUnlessExists, keyElement } from './create-table';
import { USER_PROFILE_TABLE } from './user-profile-table';

/** `CreateTable` input for the profile table, from the one design in `USER_PROFILE_TABLE`. */
export function userProfileTableDefinition(tableName: string) {
  const { partitionKey, emailIndex } = USER_PROFILE_TABLE;
  return {
    TableName: tableName,
    AttributeDefinitions: [attributeDefinition(partitionKey), attributeDefinition(emailIndex.partitionKey)],
    KeySchema: [keyElement(partitionKey, 'HASH')],
    GlobalSecondaryIndexes: [
      {
        IndexName: emailIndex.indexName,
        KeySchema: [keyElement(emailIndex.partitionKey, 'HASH')],
        Projection: { ProjectionType: emailIndex.projection },
      },
    ],
    BillingMode: 'PAY_PER_REQUEST' as const,
  };
}

/** Creates the profile table on a local engine unless it exists; in AWS the CDK app owns it. */
export function createUserProfileTable(
  client: DynamoDBClient | DynamoDBDocumentClient,
  tableName: string,
): Promise<void> {
  return createTableUnlessExists(client, userProfileTableDefinition(tableName));
}
