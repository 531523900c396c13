import {
  CreateTableCommand,
  DescribeTableCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A key attribute as the tables' designs name it. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/** How `CreateTable` declares a key attribute's type. */
export const attributeDefinition = (key: KeyAttribute) => ({ AttributeName: key.name, AttributeType: key.type });

/** How `CreateTable` places a key attribute in a key schema. */
export const keyElement = (key: KeyAttribute, KeyType: 'HASH' | 'RANGE') => ({ AttributeName: key.name, KeyType });

/**
 * Creates a table unless it exists, and returns once it is ACTIVE. For local engines (the
 * local server's bootstrap, tests, benchmarks); in AWS the CDK app owns the tables.
 */
export async function createTableUnlessExists(
  client: DynamoDBClient | DynamoDBDocumentClient,
  definition: CreateTableCommandInput & { readonly TableName: string },
): Promise<void> {
  // A document client shares its plain client's config and middleware, so it sends table
  // commands as they are (lib-dynamodb documents this); only its `send` typing is narrower.
  const plain = client as DynamoDBClient;
  try {
    await plain.send(new CreateTableCommand(definition));
  } catch (error) {
    if ((error as { name?: unknown }).name !== 'ResourceInUseException') throw error;
  }
  const status = await plain.send(new DescribeTableCommand({ TableName: definition.TableName }));
  if (status.Table?.TableStatus !== 'ACTIVE') {
    await waitUntilTableExists({ client: plain, maxWaitTime: 60, minDelay: 1 }, { TableName: definition.TableName });
  }
}
