import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
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
 * Every live record of one caller: one Query on the caller's partition, paged to its end (a
 * page stops at 1 MB, and stored responses make records large). Expiry is checked here, as on
 * every read: TTL deletes lazily.
 */
export async function readHeldRecords(
  options: ReadRecordsOptions,
  scope: string,
  now: Date,
): Promise<readonly HeldIdempotencyRecord[]> {
  const held: HeldIdempotencyRecord[] = [];
  let startKey: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page = await queryPage(options, scope, startKey);
    for (const item of page.Items ?? []) {
      const record = heldRecordOf(item, now);
      if (record) held.push(record);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return held;
}

async function queryPage(options: ReadRecordsOptions, scope: string, startKey: QueryCommandOutput['LastEvaluatedKey']) {
  try {
    return await options.client.send(
      new QueryCommand({
        TableName: options.tableName,
        KeyConditionExpression: '#scope = :scope',
        ExpressionAttributeNames: { '#scope': partitionKey.name },
        ExpressionAttributeValues: { ':scope': scope },
        ConsistentRead: true,
        ...(startKey && { ExclusiveStartKey: startKey }),
      }),
    );
  } catch (error) {
    throw toStoreFault(error);
  }
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
