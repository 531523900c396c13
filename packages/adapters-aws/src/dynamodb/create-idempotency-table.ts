import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { createTableUnlessExists } from './create-table';
import { IDEMPOTENCY_TABLE } from './idempotency-table';

/** `CreateTable` input for the idempotency table, from `IDEMPOTENCY_TABLE`. */
export function idempotencyTableDefinition(tableName: string) {
  const { partitionKey, sortKey } = IDEMPOTENCY_TABLE;
  return {
    TableName: tableName,
    AttributeDefinitions: [
      { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
      { AttributeName: sortKey.name, AttributeType: sortKey.type },
    ],
    KeySchema: [
      { AttributeName: partitionKey.name, KeyType: 'HASH' as const },
      { AttributeName: sortKey.name, KeyType: 'RANGE' as const },
    ],
    BillingMode: 'PAY_PER_REQUEST' as const,
  };
}

/** Creates the idempotency table on a local engine unless it exists; in AWS the CDK app owns it, with TTL. */
export function createIdempotencyTable(
  client: DynamoDBClient | DynamoDBDocumentClient,
  tableName: string,
): Promise<void> {
  return createTableUnlessExists(client, idempotencyTableDefinition(tableName));
}
