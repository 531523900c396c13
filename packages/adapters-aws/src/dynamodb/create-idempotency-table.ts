import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { attributeDefinition, createTableUnlessExists, keyElement } from './create-table';
import { IDEMPOTENCY_TABLE } from './idempotency-table';

/** `CreateTable` input for the idempotency table, from `IDEMPOTENCY_TABLE`. */
export function idempotencyTableDefinition(tableName: string) {
  const { partitionKey, sortKey } = IDEMPOTENCY_TABLE;
  return {
    TableName: tableName,
    AttributeDefinitions: [attributeDefinition(partitionKey), attributeDefinition(sortKey)],
    KeySchema: [keyElement(partitionKey, 'HASH'), keyElement(sortKey, 'RANGE')],
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
