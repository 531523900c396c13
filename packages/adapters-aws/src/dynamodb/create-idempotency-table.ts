import {
  DeleteTableCommand,
  DescribeTableCommand,
  waitUntilTableNotExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { attributeDefinition, createTableUnlessExists, keyElement } from './create-table';
import { IDEMPOTENCY_TABLE } from './idempotency-table';

/** `CreateTable` input for the idempotency table, from `IDEMPOTENCY_TABLE`. */
export function idempotencyTableDefinition(tableName: string) {
  const { partitionKey, sortKey } = IDEMPOTENCY_TABLE;
  return {
    TableName: tableName,
    AttributeDefinitions: [
      attributeDefinition(partitionKey),
      attributeDefinition(sortKey),
      attributeDefinition(subjectIndex.partitionKey),
    ],
    KeySchema: [keyElement(partitionKey, 'HASH'), keyElement(sortKey, 'RANGE')],
    GlobalSecondaryIndexes: [subjectIndexDefinition],
    BillingMode: 'PAY_PER_REQUEST' as const,
  };
}

const { subjectIndex } = IDEMPOTENCY_TABLE;
const subjectIndexDefinition = {
  IndexName: subjectIndex.name,
  KeySchema: [keyElement(subjectIndex.partitionKey, 'HASH')],
  Projection: { ProjectionType: 'KEYS_ONLY' as const },
};

/**
 * Creates the idempotency table on a local engine unless it exists; in AWS the CDK app owns it,
 * with TTL. A table made before the subject index existed (a local data folder kept across an
 * upgrade) is made again: its records live a day at most, and local engines do not all build an
 * index over items already there.
 */
export async function createIdempotencyTable(
  client: DynamoDBClient | DynamoDBDocumentClient,
  tableName: string,
): Promise<void> {
  await createTableUnlessExists(client, idempotencyTableDefinition(tableName));
  const plain = client as DynamoDBClient;
  const { Table } = await plain.send(new DescribeTableCommand({ TableName: tableName }));
  if (Table?.GlobalSecondaryIndexes?.some((index) => index.IndexName === subjectIndex.name)) return;
  await plain.send(new DeleteTableCommand({ TableName: tableName }));
  await waitUntilTableNotExists({ client: plain, maxWaitTime: 60, minDelay: 1 }, { TableName: tableName });
  await createTableUnlessExists(client, idempotencyTableDefinition(tableName));
}
