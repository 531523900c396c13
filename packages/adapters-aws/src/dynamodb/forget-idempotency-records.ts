import {
  BatchWriteCommand,
  paginateQuery,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError } from '@userprofile/domain';

import { RETRY_AFTER_SECONDS, toStoreFault } from './error-translation';
import { IDEMPOTENCY_TABLE } from './idempotency-table';

/** BatchWriteItem's limit of requests per call. */
const BATCH_SIZE = 25;
/** Calls for one batch's unprocessed items before the store counts as unavailable. */
const BATCH_TRIES = 5;
const BACKOFF_BASE_MS = 50;

const { partitionKey, sortKey, subjectIndex } = IDEMPOTENCY_TABLE;

export interface ForgetOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** How to wait between tries of unprocessed items (tests pass one that does not wait). @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Every completed record about one subject, in any scope: a Query of the sparse subject index. */
export const subjectQuery = (tableName: string, subject: string): QueryCommandInput => ({
  TableName: tableName,
  IndexName: subjectIndex.name,
  KeyConditionExpression: '#subject = :subject',
  ExpressionAttributeNames: { '#subject': subjectIndex.partitionKey.name },
  ExpressionAttributeValues: { ':subject': subject },
});

/**
 * Deletes every record the query finds, page by page, in BatchWriteItem calls of 25 deletes.
 * Items the table leaves unprocessed (throttling) are sent again after a growing, jittered wait,
 * as AWS advises; after `BATCH_TRIES` the store is unavailable and the caller's retry goes on
 * from what is left (deletes are idempotent).
 */
export async function deleteFoundRecords(options: ForgetOptions, query: QueryCommandInput): Promise<void> {
  const { client, tableName } = options;
  try {
    for await (const page of paginateQuery({ client }, query)) {
      const keys = (page.Items ?? []).map((item) => ({
        [partitionKey.name]: item[partitionKey.name] as string,
        [sortKey.name]: item[sortKey.name] as string,
      }));
      for (let start = 0; start < keys.length; start += BATCH_SIZE) {
        await deleteBatch(options, tableName, keys.slice(start, start + BATCH_SIZE));
      }
    }
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    throw toStoreFault(error);
  }
}

async function deleteBatch(
  options: ForgetOptions,
  tableName: string,
  keys: readonly Record<string, string>[],
): Promise<void> {
  let pending = keys.map((Key) => ({ DeleteRequest: { Key } }));
  for (let attempt = 0; attempt < BATCH_TRIES; attempt++) {
    if (attempt > 0) await (options.sleep ?? wait)(BACKOFF_BASE_MS * 2 ** attempt * (0.5 + Math.random() / 2));
    const { UnprocessedItems } = await options.client.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
    );
    const left = UnprocessedItems?.[tableName] ?? [];
    if (left.length === 0) return;
    pending = left.flatMap((request) =>
      request.DeleteRequest?.Key
        ? [{ DeleteRequest: { Key: request.DeleteRequest.Key as Record<string, string> } }]
        : [],
    );
  }
  throw new StoreUnavailableError(RETRY_AFTER_SECONDS.throttled);
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
