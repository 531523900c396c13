import { randomUUID } from 'node:crypto';

import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LegacyItemMother } from '@userprofile/testing';

import { createUserProfileTable } from '../../src';

/** A new, empty profile table with a unique name: one per test keeps tests independent. */
export async function freshTable(client: DynamoDBDocumentClient): Promise<string> {
  const tableName = `user-profiles-test-${randomUUID()}`;
  await createUserProfileTable(client, tableName);
  return tableName;
}

/** A fixed signing key: tests that compare cursors across instances need the same one. */
export const TEST_CURSOR_SIGNING_KEY = 'test-cursor-signing-key';

/** Stores an item as the original stack's create wrote it (see `LegacyItemMother`) and returns its id. */
export async function storeOriginalItem(client: DynamoDBDocumentClient, tableName: string): Promise<string> {
  const item = LegacyItemMother.created();
  await client.send(new PutCommand({ TableName: tableName, Item: item }));
  return String(item.userId);
}
