import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  err,
  InvalidCursorError,
  ok,
  ProfileAlreadyExistsError,
  ProfileNotFoundError,
  sameRevision,
  StaleVersionError,
  StoreUnavailableError,
  type PageRequest,
  type ProfileChange,
  type ProfilePage,
  type ProfileRevision,
  type Result,
  type UserProfile,
  type UserProfileRepository,
} from '@userprofile/domain';

import { changeExpressions, existsCondition, inCurrentShape, unchangedOlderShape } from './change-expressions';
import { CursorCodec, fixedCursorKeys, type CursorKeys, type CursorKeySource } from './cursor';
import { conditionFailure, RETRY_AFTER_SECONDS, toStoreFault } from './error-translation';
import { readStoredItem } from './stored-item';
import { profileOf, toItem } from './user-profile-item';
import { USER_PROFILE_TABLE } from './user-profile-table';

interface RepositoryOptions {
  /** Made by `createDynamoDbDocumentClient`, whose timeouts bound every call. */
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Told about every stored item that cannot be read. @default an EMF metric line, by id only */
  readonly unreadableItemObserver?: UnreadableItemObserver;
}

/** The repository's settings, with the keys that sign page cursors: fixed, or asked for when a page needs them. */
export type DynamoDbUserProfileRepositoryOptions = RepositoryOptions &
  (
    | {
        /** Secret that signs page cursors; every instance serving one API must share it. */
        readonly cursorSigningKey: string;
        readonly cursorKeys?: never;
      }
    | {
        /** Where the page-cursor keys come from; asked only by list and lookup, only when a cursor is signed or checked. */
        readonly cursorKeys: CursorKeySource;
        readonly cursorSigningKey?: never;
      }
  );

/** Hears about stored items no profile can be read from; gets the id only, never values. */
export interface UnreadableItemObserver {
  unreadableItem(userId: string | undefined, reason: string): void;
}

/** Logs the id and counts `UnreadableProfileItems` as a CloudWatch Embedded Metric Format line. */
export const emfUnreadableItemObserver: UnreadableItemObserver = {
  unreadableItem(userId, reason) {
    console.log(
      JSON.stringify({
        _aws: {
          Timestamp: Date.now(),
          CloudWatchMetrics: [
            {
              Namespace: 'UserProfile',
              Dimensions: [[]],
              Metrics: [{ Name: 'UnreadableProfileItems', Unit: 'Count' }],
            },
          ],
        },
        UnreadableProfileItems: 1,
        message: 'unreadable profile item',
        userId,
        reason,
      }),
    );
  },
};

/** A conditional write's outcome: its returned item, or the item that failed the condition when the store says. */
type WriteOutcome =
  | { readonly written: true; readonly attributes: Record<string, unknown> | undefined }
  | { readonly written: false; readonly itemAsFound: Record<string, unknown> | undefined };

/**
 * Tries of one change. A try is repeated only when the item changed shape under it (another
 * writer brought an older-shape item to the current one, or the original stack wrote it):
 * a change of shape happens once per item, so a second try almost always ends it.
 */
const MAX_CHANGE_ATTEMPTS = 4;

const KEY = USER_PROFILE_TABLE.partitionKey.name;
const EMAIL = USER_PROFILE_TABLE.emailIndex.partitionKey.name;

/**
 * `UserProfileRepository` on one DynamoDB table (see `USER_PROFILE_TABLE`).
 *
 * Every write is a single conditional request, so correctness needs no transactions
 * (dynalite has none), and every success is one request: get: GetItem; create: PutItem;
 * applyChange: UpdateItem returning the new item; delete: DeleteItem; list: Scan;
 * findByEmail: Query. A failed condition costs a GetItem to tell "missing" from "stale"
 * unless the store returned the item with the failure (DynamoDB does, dynalite does not).
 * The first change of an item in an older shape reads it and writes it whole (PutItem).
 *
 * Expected outcomes are returned as results; store failures are thrown as
 * `StoreUnavailableError` (retry later) or `StoreRequestError` (a fault), never as SDK errors.
 */
export class DynamoDbUserProfileRepository implements UserProfileRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly cursorKeys: CursorKeySource;
  /** The codec of the keys last read, rebuilt only when the source hands out other keys. */
  private codecCache: { readonly keys: CursorKeys; readonly codec: CursorCodec } | undefined;
  private readonly observer: UnreadableItemObserver;

  constructor(options: DynamoDbUserProfileRepositoryOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.cursorKeys = options.cursorKeys ?? fixedCursorKeys({ current: options.cursorSigningKey });
    this.observer = options.unreadableItemObserver ?? emfUnreadableItemObserver;
  }

  async get(userId: string): Promise<UserProfile | undefined> {
    const item = await this.getItem(userId);
    return item && this.readProfile(item);
  }

  // An unreadable item is reported and then treated as absent: it never fails a request.
  private readProfile(item: Record<string, unknown>): UserProfile | undefined {
    const reading = readStoredItem(item);
    if (reading.readable) return profileOf(reading.item);
    this.observer.unreadableItem(reading.userId, reading.reason);
    return undefined;
  }

  private readProfiles(items: readonly Record<string, unknown>[]): UserProfile[] {
    return items.flatMap((item) => this.readProfile(item) ?? []);
  }

  async create(profile: UserProfile): Promise<Result<void, ProfileAlreadyExistsError>> {
    const outcome = await this.conditionalWrite(
      new PutCommand({
        TableName: this.tableName,
        Item: toItem(profile),
        // Never overwrite: the first of concurrent creates wins, the others see "exists".
        ConditionExpression: 'attribute_not_exists(#key)',
        ExpressionAttributeNames: { '#key': KEY },
      }),
    );
    return outcome.written ? ok() : err(new ProfileAlreadyExistsError(profile.userId));
  }

  async applyChange(
    change: ProfileChange,
    expected?: ProfileRevision,
  ): Promise<Result<UserProfile, ProfileNotFoundError | StaleVersionError>> {
    for (let attempt = 1; attempt <= MAX_CHANGE_ATTEMPTS; attempt++) {
      const updated = await this.conditionalWrite(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [KEY]: change.userId },
          ...changeExpressions(change, expected),
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      if (updated.written) return ok(this.writtenProfile(updated.attributes));

      const found = updated.itemAsFound ?? (await this.getItem(change.userId));
      const current = found && this.readProfile(found);
      if (!found || !current) return err(new ProfileNotFoundError(change.userId));
      if (expected !== undefined && !sameRevision(current.revision, expected)) {
        return err(new StaleVersionError(change.userId, expected));
      }
      // In the current shape now: it was missing or older-shaped when we wrote. Try again.
      if (inCurrentShape(found)) continue;

      // An older shape: the domain applies the change to the profile as read, and the whole
      // item is written in the current shape, only if nobody changed it since the read.
      const next = current.apply(change);
      const replaced = await this.conditionalWrite(
        new PutCommand({ TableName: this.tableName, Item: toItem(next), ...unchangedOlderShape(found) }),
      );
      if (replaced.written) return ok(next);
    }
    throw new StoreUnavailableError(RETRY_AFTER_SECONDS.throttled, {
      cause: new Error(`the item kept changing under ${MAX_CHANGE_ATTEMPTS} tries of one change`),
    });
  }

  async delete(
    userId: string,
    expected?: ProfileRevision,
  ): Promise<Result<void, ProfileNotFoundError | StaleVersionError>> {
    const outcome = await this.conditionalWrite(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { [KEY]: userId },
        ...existsCondition(expected),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    if (outcome.written) return ok();
    // Whatever revision it holds now, it was not the expected one when we wrote.
    const found = outcome.itemAsFound ?? (await this.getItem(userId));
    return err(
      found === undefined || expected === undefined
        ? new ProfileNotFoundError(userId)
        : new StaleVersionError(userId, expected),
    );
  }

  async list({ limit, cursor }: PageRequest): Promise<Result<ProfilePage, InvalidCursorError>> {
    const cursors = this.cursorCodec(cursor);
    const startKey = cursor === undefined ? undefined : (await cursors).decode(cursor);
    if (cursor !== undefined && startKey === undefined) return err(new InvalidCursorError());

    // A Scan page reads at most `limit` items from where the last one stopped, so its cost
    // does not grow with the table. Key order is the store's stable order: items added or
    // removed elsewhere in the key space never shift what the cursor points at.
    const page = await this.send(() =>
      this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          Limit: limit,
          ConsistentRead: true,
          ...(startKey && { ExclusiveStartKey: startKey }),
        }),
      ),
    );
    const stored = page.Items ?? [];
    const items = this.readProfiles(stored);
    const lastKey = page.LastEvaluatedKey?.[KEY];
    // DynamoDB returns a LastEvaluatedKey after a page that is exactly full even when nothing
    // follows; that last, empty page is the price of never counting the table.
    return ok({
      items,
      nextCursor: typeof lastKey === 'string' && stored.length > 0 ? (await cursors).encode({ userId: lastKey }) : null,
    });
  }

  async findByEmail(email: string, { limit, cursor }: PageRequest): Promise<Result<ProfilePage, InvalidCursorError>> {
    // The cursor names the last id seen; the email it was issued for is signed into it (never
    // written in it), so it cannot continue another lookup and does not show the address.
    const scope = `email:${email}`;
    const cursors = this.cursorCodec(cursor);
    const after = cursor === undefined ? undefined : (await cursors).decode(cursor, scope);
    if (cursor !== undefined && after === undefined) return err(new InvalidCursorError());

    // One Query per page, at most `limit` items: an email that many profiles claim costs its
    // caller pages, never one unbounded read.
    const page = await this.send(() =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: USER_PROFILE_TABLE.emailIndex.indexName,
          KeyConditionExpression: '#email = :email',
          ExpressionAttributeNames: { '#email': EMAIL },
          ExpressionAttributeValues: { ':email': email },
          Limit: limit,
          ...(after && { ExclusiveStartKey: { [EMAIL]: email, [KEY]: after.userId } }),
        }),
      ),
    );
    const stored = page.Items ?? [];
    const lastKey = page.LastEvaluatedKey?.[KEY];
    // As with the list: after an exactly full page a last, empty page may follow.
    return ok({
      items: this.readProfiles(stored),
      nextCursor:
        typeof lastKey === 'string' && stored.length > 0 ? (await cursors).encode({ userId: lastKey }, scope) : null,
    });
  }

  /**
   * The codec of the current keys. A page given a cursor needs them before it reads; a first
   * page only if it turns out to have a next one, so their read runs beside the page's and is
   * awaited only then: keys that cannot be read fail only the requests that need them.
   */
  private cursorCodec(cursor: string | undefined): Promise<CursorCodec> {
    const codec = this.cursorKeys.get().then((keys) => {
      if (this.codecCache?.keys !== keys) this.codecCache = { keys, codec: new CursorCodec(keys) };
      return this.codecCache.codec;
    });
    // Not awaited when the page is the last: its failure must not become an unhandled rejection.
    if (cursor === undefined) codec.catch(() => undefined);
    return codec;
  }

  // The item an UpdateItem returned: always readable, as the condition asked for the current shape.
  private writtenProfile(attributes: Record<string, unknown> | undefined): UserProfile {
    const profile = attributes && this.readProfile(attributes);
    if (!profile) throw new Error('the store returned no readable item for a successful change');
    return profile;
  }

  private async getItem(userId: string): Promise<Record<string, unknown> | undefined> {
    const result = await this.send(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: { [KEY]: userId }, ConsistentRead: true })),
    );
    return result.Item;
  }

  private async conditionalWrite(command: PutCommand | UpdateCommand | DeleteCommand): Promise<WriteOutcome> {
    try {
      // One overload of `send` per command type keeps the types exact.
      if (command instanceof UpdateCommand) {
        return { written: true, attributes: (await this.client.send(command)).Attributes };
      }
      if (command instanceof PutCommand) await this.client.send(command);
      else await this.client.send(command);
      return { written: true, attributes: undefined };
    } catch (error) {
      const failure = conditionFailure(error);
      if (failure) return { written: false, itemAsFound: failure.item };
      throw toStoreFault(error);
    }
  }

  private async send<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toStoreFault(error);
    }
  }
}
