import { paginateQuery, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { HeldIdempotencyRecord } from '@userprofile/domain';

import { nowSeconds } from './epoch-seconds';
import { toStoreFault } from './error-translation';
import { IDEMPOTENCY_TABLE, RECORD_STATUS } from './idempotency-table';

const { partitionKey, sortKey, ttlAttribute } = IDEMPOTENCY_TABLE;

export interface ReadRecordsOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

/**
 * Every record of one caller's scope: a consistent Query of its partition, whole records to read
 * them, or `keysOnly` to delete them.
 */
export const scopeQuery = (tableName: string, scope: string, { keysOnly = false } = {}): QueryCommandInput => ({
  TableName: tableName,
  KeyConditionExpression: '#scope = :scope',
  ExpressionAttributeNames: { '#scope': partitionKey.name, ...(keysOnly && { '#key': sortKey.name }) },
  ExpressionAttributeValues: { ':scope': scope },
  ...(keysOnly && { ProjectionExpression: '#scope, #key' }),
  ConsistentRead: true,
});

/**
 * Every live record of one caller: the scope's Query, paged to its end (a page stops at 1 MB,
 * and stored responses make records large). Expiry is checked here, as on every read: TTL
 * deletes lazily.
 */
export async function readHeldRecords(
  options: ReadRecordsOptions,
  scope: string,
  now: Date,
): Promise<readonly HeldIdempotencyRecord[]> {
  const held: HeldIdempotencyRecord[] = [];
  try {
    for await (const page of paginateQuery({ client: options.client }, scopeQuery(options.tableName, scope))) {
      for (const item of page.Items ?? []) {
        const record = heldRecordOf(item, now);
        if (record) held.push(record);
      }
    }
  } catch (error) {
    throw toStoreFault(error);
  }
  return held;
}

/** A live record as an export shows it; undefined when it has expired. */
function heldRecordOf(item: Record<string, unknown>, now: Date): HeldIdempotencyRecord | undefined {
  const expiresAt = Number(item[ttlAttribute]);
  if (!(expiresAt > nowSeconds(now))) return undefined;
  const key = String(item[sortKey.name]);
  const expires = new Date(expiresAt * 1000);
  return item.status === RECORD_STATUS.completed
    ? { key, status: 'completed', outcome: String(item.outcome), expiresAt: expires }
    : { key, status: 'in-flight', expiresAt: expires };
}
