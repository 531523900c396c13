import {
  CreateTableCommand,
  DescribeTableCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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

/**
 * Creates the idempotency table unless it exists, and returns once it is ACTIVE. For local
 * engines (the local server, tests, benchmarks); in AWS the CDK app owns the table, with TTL.
 */
export async function createIdempotencyTable(
  client: DynamoDBClient | DynamoDBDocumentClient,
  tableName: string,
): Promise<void> {
  // A document client sends table commands as they are (see createUserProfileTable).
  const plain = client as DynamoDBClient;
  try {
    await plain.send(new CreateTableCommand(idempotencyTableDefinition(tableName)));
  } catch (error) {
    if ((error as { name?: unknown }).name !== 'ResourceInUseException') throw error;
  }
  const status = await plain.send(new DescribeTableCommand({ TableName: tableName }));
  if (status.Table?.TableStatus !== 'ACTIVE') {
    await waitUntilTableExists({ client: plain, maxWaitTime: 60, minDelay: 1 }, { TableName: tableName });
  }
}
