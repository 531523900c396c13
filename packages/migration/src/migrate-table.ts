import { DeleteCommand, GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { newIncarnation } from '@userprofile/domain';

import type { CurrentStoredItem } from '@userprofile/adapters-aws';
import type { CapacityPacer } from './capacity-pacer';
import type { Checkpoint } from './checkpoint';
import {
  isClaimedCopy,
  isEarlierCopy,
  planItem,
  readForMigration,
  type ItemPlan,
  type ItemProblem,
  type OwnerMatch,
} from './item-plan';
import { outcomeOf, type ItemOutcome } from './item-outcome';
import { retryWhenThrottled } from './retry-when-throttled';
import type { MigrationSummary } from './summary';
import { ABSENT_CONDITION, unchangedCondition, type WriteCondition } from './unchanged-condition';

/** Finds the identity-provider user a profile belongs to (see `CognitoOwnerDirectory`). */
export interface OwnerDirectory {
  findOwner(key: string, emails: readonly string[]): Promise<OwnerMatch>;
}

/** How a migration run is set up. */
export interface MigrationOptions {
  readonly client: Pick<DynamoDBDocumentClient, 'send'>;
  readonly tableName: string;
  /** Writes only when true; otherwise every step up to the write is done and counted. */
  readonly apply: boolean;
  /** Given: each legacy profile moves to its owner's key. Omitted: no re-keying. */
  readonly owners?: OwnerDirectory;
  readonly readPacer: CapacityPacer;
  readonly writePacer: CapacityPacer;
  /** Where to start the scan (a checkpoint's `startKey`). */
  readonly startKey?: Record<string, unknown>;
  /** Items per scan page. @default 100 */
  readonly pageSize?: number;
  /** Tries per item when live traffic keeps changing it. @default 3 */
  readonly maxAttempts?: number;
  /** Stops the run between items; the last checkpoint then points at the unfinished page. */
  readonly signal?: AbortSignal;
  readonly newIncarnation?: () => string;
  readonly onItem?: (outcome: ItemOutcome) => void;
  /** Called after each page, once every item on it was handled: the place to save a checkpoint. */
  readonly onPage?: (checkpoint: Checkpoint) => Promise<void>;
}

type WriteResult = 'done' | 'changed' | { readonly problem: ItemProblem };

/**
 * Brings every item of a table written by the original stack to the current shape, and with
 * an owner directory moves each legacy profile to its owner's key. Every write is
 * conditioned on the item as read, so live traffic is never overwritten: a refused write is
 * read and planned again. Nothing the run cannot place is deleted; it is reported instead.
 */
export async function migrateTable(options: MigrationOptions): Promise<MigrationSummary> {
  return new TableMigration(options).run();
}

class TableMigration {
  private readonly summary: MigrationSummary;
  private readonly newIncarnation: () => string;

  constructor(private readonly options: MigrationOptions) {
    this.newIncarnation = options.newIncarnation ?? newIncarnation;
    this.summary = {
      applied: options.apply,
      scanned: 0,
      current: 0,
      normalized: 0,
      moved: 0,
      gone: 0,
      reported: {},
      retriedAfterLiveWrite: 0,
      interrupted: false,
    };
  }

  async run(): Promise<MigrationSummary> {
    const { tableName, signal } = this.options;
    let startKey = this.options.startKey;
    do {
      await this.options.readPacer.ready();
      const page = await retryWhenThrottled(() =>
        this.options.client.send(
          new ScanCommand({
            TableName: tableName,
            Limit: this.options.pageSize ?? 100,
            ReturnConsumedCapacity: 'TOTAL',
            ...(startKey !== undefined && { ExclusiveStartKey: startKey }),
          }),
        ),
      );
      this.options.readPacer.spend(page.ConsumedCapacity?.CapacityUnits ?? (page.Items?.length ?? 0) / 2);
      for (const item of page.Items ?? []) {
        if (signal?.aborted) {
          this.summary.interrupted = true;
          return this.summary;
        }
        this.record(await this.migrateItem(item));
      }
      startKey = page.LastEvaluatedKey;
      await this.options.onPage?.({
        tableName,
        ...(startKey !== undefined && { startKey }),
        done: startKey === undefined,
      });
    } while (startKey !== undefined);
    return this.summary;
  }

  private record(outcome: ItemOutcome): void {
    this.summary.scanned += 1;
    if (outcome.result === 'reported') {
      const { reason } = outcome.problem;
      this.summary.reported[reason] = (this.summary.reported[reason] ?? 0) + 1;
    } else {
      this.summary[outcome.result] += 1;
    }
    this.options.onItem?.(outcome);
  }

  private async migrateItem(scanned: Record<string, unknown>): Promise<ItemOutcome> {
    const userId = String(scanned.userId);
    let asRead: Record<string, unknown> | undefined = scanned;
    for (let attempt = 1; attempt <= (this.options.maxAttempts ?? 3); attempt += 1) {
      if (asRead === undefined) return { userId, result: 'gone' };
      const reading = readForMigration(asRead);
      const owner =
        reading.ok && this.options.owners
          ? await this.options.owners.findOwner(reading.userId, reading.lookupEmails)
          : undefined;
      const plan = planItem(reading, owner, this.newIncarnation);
      const result = await this.execute(plan, asRead);
      if (result === 'done') return outcomeOf(userId, plan);
      if (result !== 'changed') return { userId, result: 'reported', problem: result.problem };
      this.summary.retriedAfterLiveWrite += 1;
      asRead = await this.get(userId);
    }
    return { userId, result: 'reported', problem: { reason: 'kept-changing' } };
  }

  private async execute(plan: ItemPlan, asRead: Record<string, unknown>): Promise<WriteResult> {
    switch (plan.action) {
      case 'keep':
      case 'report':
        return 'done';
      case 'rewrite':
        if (!this.options.apply) return 'done';
        return (await this.put(plan.item, unchangedCondition(asRead))) ? 'done' : 'changed';
      case 'move':
        return this.move(plan.item, asRead);
    }
  }

  /**
   * Conditional put at the new key, then conditional delete of the old item. A copy an
   * earlier run left at the new key (one interrupted between its two writes) is recognised
   * and the move finished; if the old item changed meanwhile, the copy is taken back and the
   * item planned again from what it is now.
   */
  private async move(item: CurrentStoredItem, asRead: Record<string, unknown>): Promise<WriteResult> {
    let copy: Record<string, unknown> = { ...item };
    const from = String(asRead.userId);
    if (!this.options.apply || !(await this.put(item, ABSENT_CONDITION))) {
      const existing = await this.get(item.userId);
      if (existing !== undefined && isClaimedCopy(existing, item, from)) return this.finishClaim(asRead);
      if (existing !== undefined) {
        if (!isEarlierCopy(existing, item)) return { problem: { reason: 'target-exists' } };
        copy = existing;
      }
      if (!this.options.apply) return 'done';
      // Deleted again between the put and the read: the next try starts over.
      if (existing === undefined) return 'changed';
    }
    if (await this.delete(from, unchangedCondition(asRead))) return 'done';
    // The old item changed after it was read, so the copy is out of date: take it back,
    // unless something wrote at the new key too, which needs a person to look.
    return (await this.delete(item.userId, unchangedCondition(copy)))
      ? 'changed'
      : { problem: { reason: 'kept-changing' } };
  }

  /**
   * A sign-up claimed this item and its copy is at the owner's key: what is left of the move is
   * the old item's delete, which the claim may be doing at the same moment. The copy is the
   * claim's, never taken back: a refused delete means the item went (the claim finished) or
   * changed (the claim takes its copy back), and the next try reads which.
   */
  private async finishClaim(asRead: Record<string, unknown>): Promise<WriteResult> {
    if (!this.options.apply) return 'done';
    return (await this.delete(String(asRead.userId), unchangedCondition(asRead))) ? 'done' : 'changed';
  }

  private async get(userId: string): Promise<Record<string, unknown> | undefined> {
    await this.options.readPacer.ready();
    const response = await retryWhenThrottled(() =>
      this.options.client.send(
        new GetCommand({
          TableName: this.options.tableName,
          Key: { userId },
          ConsistentRead: true,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
    );
    this.options.readPacer.spend(response.ConsumedCapacity?.CapacityUnits ?? 1);
    return response.Item;
  }

  private async put(item: CurrentStoredItem, condition: WriteCondition): Promise<boolean> {
    const { client, tableName } = this.options;
    return this.conditionalWrite(() =>
      client.send(new PutCommand({ TableName: tableName, Item: item, ReturnConsumedCapacity: 'TOTAL', ...condition })),
    );
  }

  private async delete(userId: string, condition: WriteCondition): Promise<boolean> {
    const { client, tableName } = this.options;
    return this.conditionalWrite(() =>
      client.send(
        new DeleteCommand({ TableName: tableName, Key: { userId }, ReturnConsumedCapacity: 'TOTAL', ...condition }),
      ),
    );
  }

  // True when written; false when the condition failed. Anything else is a fault and ends the run.
  private async conditionalWrite(
    write: () => Promise<{ ConsumedCapacity?: { CapacityUnits?: number } }>,
  ): Promise<boolean> {
    await this.options.writePacer.ready();
    try {
      const response = await retryWhenThrottled(write);
      this.options.writePacer.spend(response.ConsumedCapacity?.CapacityUnits ?? 1);
      return true;
    } catch (error) {
      if ((error as { name?: unknown }).name !== 'ConditionalCheckFailedException') throw error;
      this.options.writePacer.spend(1);
      return false;
    }
  }
}
