import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';

import { USER_PROFILE_TABLE } from './user-profile-table';

const KEY = USER_PROFILE_TABLE.partitionKey.name;
const EMAIL = USER_PROFILE_TABLE.emailIndex.partitionKey.name;

/**
 * One page of the list: a Scan reads at most `limit` items from where the last page stopped, so
 * its cost does not grow with the table. Key order is the store's stable order: items added or
 * removed elsewhere in the key space never shift what the cursor points at.
 */
export const listPageQuery = (tableName: string, limit: number, startKey: Record<string, unknown> | undefined) =>
  new ScanCommand({
    TableName: tableName,
    Limit: limit,
    ConsistentRead: true,
    ...(startKey && { ExclusiveStartKey: startKey }),
  });

/**
 * One page of an email lookup: one Query of the email index, at most `limit` items, so an email
 * that many profiles claim costs its caller pages, never one unbounded read.
 */
export const emailPageQuery = (tableName: string, email: string, limit: number, afterUserId: string | undefined) =>
  new QueryCommand({
    TableName: tableName,
    IndexName: USER_PROFILE_TABLE.emailIndex.indexName,
    KeyConditionExpression: '#email = :email',
    ExpressionAttributeNames: { '#email': EMAIL },
    ExpressionAttributeValues: { ':email': email },
    Limit: limit,
    ...(afterUserId !== undefined && { ExclusiveStartKey: { [EMAIL]: email, [KEY]: afterUserId } }),
  });

/**
 * The id a next page starts after, if one may follow. DynamoDB returns a LastEvaluatedKey after
 * a page that is exactly full even when nothing follows: that last, empty page is the price of
 * never counting the table.
 */
export const nextPageAfter = (page: {
  readonly Items?: readonly unknown[];
  readonly LastEvaluatedKey?: Record<string, unknown>;
}): string | undefined => {
  const lastKey = page.LastEvaluatedKey?.[KEY];
  return typeof lastKey === 'string' && (page.Items ?? []).length > 0 ? lastKey : undefined;
};
