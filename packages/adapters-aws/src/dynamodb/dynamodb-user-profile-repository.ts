import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  err,
  InvalidCursorError,
  ok,
  ProfileAlreadyExistsError,
  ProfileNotFoundError,
  type ProfileRevision,
  StaleVersionError,
  type PageRequest,
  type ProfilePage,
  type Result,
  type UserProfile,
  type UserProfileRepository,
} from '@userprofile/domain';

import { CursorCodec } from './cursor';
import { isConditionalCheckFailed, toStoreFault } from './error-translation';
import { LEGACY_INCARNATION, readStoredItem } from './stored-item';
import { profileOf, toItem } from './user-profile-item';
import { USER_PROFILE_TABLE } from './user-profile-table';

export interface DynamoDbUserProfileRepositoryOptions {
  /** Made by `createDynamoDbDocumentClient`, whose timeouts bound every call. */
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Secret that signs list cursors; every instance serving one API must share it. */
  readonly cursorSigningKey: string;
  /** Told about every stored item that cannot be read. @default an EMF metric line, by id only */
  readonly unreadableItemObserver?: UnreadableItemObserver;
}

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

type WriteOutcome = 'written' | 'condition-failed';

const KEY = USER_PROFILE_TABLE.partitionKey.name;
const EMAIL = USER_PROFILE_TABLE.emailIndex.partitionKey.name;

/**
 * `UserProfileRepository` on one DynamoDB table (see `USER_PROFILE_TABLE`).
 *
 * Every write is a single conditional request, so correctness needs no transactions
 * (dynalite has none). Per operation it uses only the IAM actions the route table grants:
 * get: GetItem; create: PutItem; update: PutItem (+ GetItem after a failed condition);
 * delete: DeleteItem (+ GetItem after a failed condition); list: Scan; findByEmail: Query.
 *
 * Expected outcomes are returned as results; store failures are thrown as
 * `StoreUnavailableError` (retry later) or `StoreRequestError` (a fault), never as SDK errors.
 */
export class DynamoDbUserProfileRepository implements UserProfileRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly cursors: CursorCodec;
  private readonly observer: UnreadableItemObserver;

  constructor(options: DynamoDbUserProfileRepositoryOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.cursors = new CursorCodec(options.cursorSigningKey);
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
    return outcome === 'written' ? ok() : err(new ProfileAlreadyExistsError(profile.userId));
  }

  async update(
    profile: UserProfile,
    expected?: ProfileRevision,
  ): Promise<Result<void, ProfileNotFoundError | StaleVersionError>> {
    // A whole-item Put (not UpdateItem): the item is exactly the aggregate, and the email
    // index follows the new email with no extra work. The condition makes it never an upsert.
    const outcome = await this.conditionalWrite(
      new PutCommand({ TableName: this.tableName, Item: toItem(profile), ...existsCondition(expected) }),
    );
    if (outcome === 'written') return ok();
    return err(await this.explainFailedCondition(profile.userId, expected));
  }

  async delete(
    userId: string,
    expected?: ProfileRevision,
  ): Promise<Result<void, ProfileNotFoundError | StaleVersionError>> {
    const outcome = await this.conditionalWrite(
      new DeleteCommand({ TableName: this.tableName, Key: { [KEY]: userId }, ...existsCondition(expected) }),
    );
    if (outcome === 'written') return ok();
    return err(await this.explainFailedCondition(userId, expected));
  }

  async list({ limit, cursor }: PageRequest): Promise<Result<ProfilePage, InvalidCursorError>> {
    const startKey = cursor === undefined ? undefined : this.cursors.decode(cursor);
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
      nextCursor: typeof lastKey === 'string' && stored.length > 0 ? this.cursors.encode({ userId: lastKey }) : null,
    });
  }

  async findByEmail(email: string, { limit, cursor }: PageRequest): Promise<Result<ProfilePage, InvalidCursorError>> {
    // The cursor names the last id seen; the email it was issued for is signed into it (never
    // written in it), so it cannot continue another lookup and does not show the address.
    const scope = `email:${email}`;
    const after = cursor === undefined ? undefined : this.cursors.decode(cursor, scope);
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
        typeof lastKey === 'string' && stored.length > 0 ? this.cursors.encode({ userId: lastKey }, scope) : null,
    });
  }

  /**
   * After a failed update/delete condition: was the profile missing, or at another version?
   * One strongly consistent read decides. dynalite does not implement
   * `ReturnValuesOnConditionCheckFailure`, so the failed write cannot tell us by itself.
   */
  private async explainFailedCondition(
    userId: string,
    expected: ProfileRevision | undefined,
  ): Promise<ProfileNotFoundError | StaleVersionError> {
    const current = await this.getItem(userId);
    if (current === undefined || expected === undefined) return new ProfileNotFoundError(userId);
    // Whatever revision it holds now, it was not the expected one when we wrote.
    return new StaleVersionError(userId, expected);
  }

  private async getItem(userId: string): Promise<Record<string, unknown> | undefined> {
    const result = await this.send(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: { [KEY]: userId }, ConsistentRead: true })),
    );
    return result.Item;
  }

  private async conditionalWrite(command: PutCommand | DeleteCommand): Promise<WriteOutcome> {
    try {
      // Two overloads of `send`; one call site per command type keeps the types exact.
      if (command instanceof PutCommand) await this.client.send(command);
      else await this.client.send(command);
      return 'written';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'condition-failed';
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

/**
 * The profile must exist and, when a revision is expected, be at that version of that
 * incarnation: a profile deleted and created again has the same key and may have the same
 * version, never the same incarnation.
 */
function existsCondition(expected: ProfileRevision | undefined): {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  if (expected === undefined) {
    return { ConditionExpression: 'attribute_exists(#key)', ExpressionAttributeNames: { '#key': KEY } };
  }
  // An item of the original stack has no version and is read as version 1; an item written
  // before incarnations existed has none and is read as the legacy one.
  const versionMatches =
    expected.version === 1 ? '(#version = :version OR attribute_not_exists(#version))' : '#version = :version';
  const incarnationMatches =
    expected.incarnation === LEGACY_INCARNATION
      ? '(#incarnation = :incarnation OR attribute_not_exists(#incarnation))'
      : '#incarnation = :incarnation';
  return {
    ConditionExpression: `attribute_exists(#key) AND ${versionMatches} AND ${incarnationMatches}`,
    ExpressionAttributeNames: { '#key': KEY, '#version': 'version', '#incarnation': 'incarnation' },
    ExpressionAttributeValues: { ':version': expected.version, ':incarnation': expected.incarnation },
  };
}
