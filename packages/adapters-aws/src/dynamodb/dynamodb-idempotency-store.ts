import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClaimResult, Completion, IdempotencyKey, IdempotencyStore } from '@userprofile/domain';

import { conditionFailure, toStoreFault } from './error-translation';
import { deleteFoundRecords, subjectQuery } from './forget-idempotency-records';
import { epochSeconds, nowSeconds } from './epoch-seconds';
import { IDEMPOTENCY_TABLE, RECORD_STATUS } from './idempotency-table';
import { readHeldRecords, scopeQuery } from './read-idempotency-records';

export interface DynamoDbIdempotencyStoreOptions {
  /** Made by `createDynamoDbDocumentClient`, whose timeouts bound every call. */
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

const { inFlight: IN_FLIGHT, completed: COMPLETED } = RECORD_STATUS;
/** Holds on a record only while the request that claimed it still holds the claim. */
const STILL_OUR_CLAIM = '#status = :inFlight AND #fingerprint = :fingerprint';

/** A marker that predates `claimedAt`: nothing is known of when it was claimed, so it counts as claimed at the start. */
const UNKNOWN_CLAIM_TIME = new Date(0).toISOString();

/** Tries of a claim: a record that expires between the failed write and the read frees the key again. */
const CLAIM_TRIES = 3;

const { partitionKey, sortKey, ttlAttribute } = IDEMPOTENCY_TABLE;
const SUBJECT = IDEMPOTENCY_TABLE.subjectIndex.partitionKey.name;

/**
 * Idempotency records in their own DynamoDB table, one item per caller and key. The claim is
 * one conditional PutItem (free or expired key only), completion and release are conditional
 * on the claim's own marker, so a late execution never overwrites a newer one. Expiry is in
 * epoch seconds (`expiresAt`, the table's TTL attribute) and also checked in each condition,
 * because TTL deletes lazily and dynalite has none. A fresh key costs two writes; a repeat
 * costs one failed write plus, where the engine returns no item with the failure, one read.
 * An expired in-flight marker is taken over by a second conditional PutItem on that very
 * marker, which keeps its `claimedAt`: the time since which the key's outcome is unknown.
 * Forgetting deletes by a Query (of a scope, or of the subject index) and BatchWriteItem.
 */
export class DynamoDbIdempotencyStore implements IdempotencyStore {
  constructor(private readonly options: DynamoDbIdempotencyStoreOptions) {}

  async claim(key: IdempotencyKey, fingerprint: string, now: Date, inFlightUntil: Date): Promise<ClaimResult> {
    const marker = { ...keyOf(key), status: IN_FLIGHT, fingerprint, [ttlAttribute]: epochSeconds(inFlightUntil) };
    for (let attempt = 1; attempt <= CLAIM_TRIES; attempt++) {
      const found = await this.tryClaim({ ...marker, claimedAt: now.toISOString() }, FREE_OR_COMPLETED_AND_EXPIRED, {
        ':now': nowSeconds(now),
        ':completed': COMPLETED,
      });
      if (found === 'claimed') return { status: 'claimed' };
      const record = found ?? (await this.read(key));
      const live = record && resultOf(record, now);
      if (live) return live;
      if (record?.status !== IN_FLIGHT) continue;
      const claimedAt = typeof record.claimedAt === 'string' ? record.claimedAt : UNKNOWN_CLAIM_TIME;
      const takenOver = await this.tryClaim({ ...marker, claimedAt }, THAT_EXPIRED_MARKER, {
        ':inFlight': IN_FLIGHT,
        ':expired': record[ttlAttribute],
      });
      if (takenOver === 'claimed') return { status: 'claimed', unresolvedSince: new Date(claimedAt) };
    }
    // Three expiries in a row under one request: the store is not behaving as a store should.
    throw new Error('idempotency claim did not settle');
  }

  async complete(key: IdempotencyKey, fingerprint: string, { outcome, expiresAt, subject }: Completion): Promise<void> {
    const set = 'SET #status = :completed, #outcome = :outcome, #expiresAt = :expiresAt';
    await this.updateOurClaim(
      key,
      fingerprint,
      subject === undefined ? set : `${set}, #subject = :subject`,
      { '#outcome': 'outcome', '#expiresAt': ttlAttribute, ...(subject !== undefined && { '#subject': SUBJECT }) },
      {
        ':completed': COMPLETED,
        ':outcome': outcome,
        ':expiresAt': epochSeconds(expiresAt),
        ...(subject !== undefined && { ':subject': subject }),
      },
    );
  }

  forgetScope(scope: string): Promise<void> {
    return deleteFoundRecords(this.options, scopeQuery(this.options.tableName, scope, { keysOnly: true }));
  }

  forgetSubject(subject: string): Promise<void> {
    return deleteFoundRecords(this.options, subjectQuery(this.options.tableName, subject));
  }

  async release(key: IdempotencyKey, fingerprint: string): Promise<void> {
    // Expired rather than deleted: the next claim takes it over and learns its claimedAt.
    await this.updateOurClaim(
      key,
      fingerprint,
      'SET #expiresAt = :expired',
      { '#expiresAt': ttlAttribute },
      {
        ':expired': 0,
      },
    );
  }

  /** Every live record of one caller, in key order (see `readHeldRecords`). */
  recordsOf(scope: string, now: Date) {
    return readHeldRecords(this.options, scope, now);
  }

  /**
   * Updates the key's record while it is still this request's claim (`STILL_OUR_CLAIM`). When the
   * condition fails, someone else's claim holds the key now: this late outcome is not the one to
   * keep, so there is nothing to do.
   */
  private async updateOurClaim(
    key: IdempotencyKey,
    fingerprint: string,
    update: string,
    names: Record<string, string>,
    values: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keyOf(key),
          UpdateExpression: update,
          ConditionExpression: STILL_OUR_CLAIM,
          // DynamoDB refuses names and values an expression does not use: each call brings its own.
          ExpressionAttributeNames: { '#status': 'status', '#fingerprint': 'fingerprint', ...names },
          ExpressionAttributeValues: { ':inFlight': IN_FLIGHT, ':fingerprint': fingerprint, ...values },
        }),
      );
    } catch (error) {
      if (conditionFailure(error)) return;
      throw toStoreFault(error);
    }
  }

  /** `claimed`, or the record that holds the key when the store returned it with the failure. */
  private async tryClaim(
    marker: Record<string, unknown>,
    condition: string,
    values: Record<string, unknown>,
  ): Promise<'claimed' | Record<string, unknown> | undefined> {
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: marker,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#scope': partitionKey.name, '#expiresAt': ttlAttribute, '#status': 'status' },
          ExpressionAttributeValues: values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'claimed';
    } catch (error) {
      const failure = conditionFailure(error);
      if (failure) return failure.item;
      throw toStoreFault(error);
    }
  }

  private async read(key: IdempotencyKey): Promise<Record<string, unknown> | undefined> {
    try {
      const { Item } = await this.options.client.send(
        new GetCommand({ TableName: this.options.tableName, Key: keyOf(key), ConsistentRead: true }),
      );
      return Item;
    } catch (error) {
      throw toStoreFault(error);
    }
  }
}

/** A free key, or one whose replay window has ended. */
const FREE_OR_COMPLETED_AND_EXPIRED = 'attribute_not_exists(#scope) OR (#expiresAt <= :now AND #status = :completed)';
/** The expired in-flight marker as read: a concurrent takeover of it changed its expiry. */
const THAT_EXPIRED_MARKER = 'attribute_exists(#scope) AND #status = :inFlight AND #expiresAt = :expired';

const keyOf = (key: IdempotencyKey) => ({ [partitionKey.name]: key.scope, [sortKey.name]: key.key });

/** A live record as a claim result; undefined when it has expired (TTL has not removed it yet). */
function resultOf(record: Record<string, unknown>, now: Date): ClaimResult | undefined {
  const expiresAt = Number(record[ttlAttribute]);
  if (!(expiresAt > nowSeconds(now))) return undefined;
  const fingerprint = String(record.fingerprint);
  if (record.status === COMPLETED) return { status: 'completed', fingerprint, outcome: String(record.outcome) };
  return { status: 'in-flight', fingerprint, inFlightUntil: new Date(expiresAt * 1000) };
}
