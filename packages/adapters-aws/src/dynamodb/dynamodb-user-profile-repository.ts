import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  checkWriteCondition,
  err,
  InvalidCursorError,
  ok,
  ProfileAlreadyExistsError,
  ProfileNotFoundError,
  StaleVersionError,
  StoreUnavailableError,
  type PageRequest,
  type ProfileChange,
  type ProfilePage,
  type ProfileRevision,
  type Result,
  type UserProfile,
  type UserProfileRepository,
  type LastWrite,
  type WriteConditionError,
  type WriteOptions,
} from '@userprofile/domain';

import { claimMove } from './claim-move';
import { changeExpressions, existsCondition, inCurrentShape, unchangedOlderShape } from './change-expressions';
import { conditionalWrite } from './conditional-write';
import { fixedCursorKeys } from './cursor';
import { orStoreFault, RETRY_AFTER_SECONDS } from './error-translation';
import { PageCursors } from './page-cursors';
import { emailPageQuery, listPageQuery, nextPageAfter } from './page-queries';
import {
  emfUnreadableItemObserver,
  type DynamoDbUserProfileRepositoryOptions,
  type UnreadableItemObserver,
} from './repository-options';
import { readStoredItem } from './stored-item';
import { profileOf, toItem, WRITE_TOKEN } from './user-profile-item';
import { USER_PROFILE_TABLE } from './user-profile-table';

/**
 * Tries of one change. A try is repeated only when the item changed shape under it (another
 * writer brought an older-shape item to the current one, or the original stack wrote it):
 * a change of shape happens once per item, so a second try almost always ends it.
 */
const MAX_CHANGE_ATTEMPTS = 4;

const KEY = USER_PROFILE_TABLE.partitionKey.name;

/**
 * `UserProfileRepository` on one DynamoDB table (see `USER_PROFILE_TABLE`).
 *
 * Every write is a single conditional request, so correctness needs no transactions
 * (dynalite has none), and every success is one request: get: GetItem; create: PutItem;
 * applyChange: UpdateItem returning the new item; delete: DeleteItem; list: Scan;
 * claim: GetItem, PutItem and DeleteItem (see `claimMove`);
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
  private readonly cursors: PageCursors;
  private readonly observer: UnreadableItemObserver;

  constructor(options: DynamoDbUserProfileRepositoryOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.cursors = new PageCursors(options.cursorKeys ?? fixedCursorKeys({ current: options.cursorSigningKey }));
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

  async lastWrite(userId: string): Promise<LastWrite | undefined> {
    const item = await this.getItem(userId);
    const profile = item && this.readProfile(item);
    if (!profile) return undefined;
    const writeToken = item[WRITE_TOKEN];
    return typeof writeToken === 'string' ? { profile, writeToken } : { profile };
  }

  async create(profile: UserProfile, options?: WriteOptions): Promise<Result<void, ProfileAlreadyExistsError>> {
    const outcome = await conditionalWrite(
      this.client,
      new PutCommand({
        TableName: this.tableName,
        Item: toItem(profile, options?.writeToken),
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
    options?: WriteOptions,
  ): Promise<Result<UserProfile, WriteConditionError>> {
    for (let attempt = 1; attempt <= MAX_CHANGE_ATTEMPTS; attempt++) {
      const updated = await conditionalWrite(
        this.client,
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [KEY]: change.userId },
          ...changeExpressions(change, expected, options?.writeToken),
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      if (updated.written) return ok(this.writtenProfile(updated.attributes));

      const found = this.foundAfterFailure(updated.itemAsFound ?? (await this.getItem(change.userId)));
      const condition = checkWriteCondition(change.userId, found, expected);
      if (!condition.ok) return condition;
      const { item, profile } = condition.value;
      // In the current shape now: it was missing or older-shaped when we wrote. Try again.
      if (inCurrentShape(item)) continue;

      // An older shape: the domain applies the change to the profile as read, and the whole
      // item is written in the current shape, only if nobody changed it since the read.
      const next = profile.apply(change);
      const replaced = await conditionalWrite(
        this.client,
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(next, options?.writeToken),
          ...unchangedOlderShape(item),
        }),
      );
      if (replaced.written) return ok(next);
    }
    throw new StoreUnavailableError(RETRY_AFTER_SECONDS.throttled, {
      cause: new Error(`the item kept changing under ${MAX_CHANGE_ATTEMPTS} tries of one change`),
    });
  }

  async delete(userId: string, expected?: ProfileRevision): Promise<Result<void, WriteConditionError>> {
    const outcome = await conditionalWrite(
      this.client,
      new DeleteCommand({
        TableName: this.tableName,
        Key: { [KEY]: userId },
        ...existsCondition(expected),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    if (outcome.written) return ok();
    // Unconditional but for existence: nothing was there, and nothing needs reading to say so
    // (erasure's function may only DeleteItem).
    if (expected === undefined) return err(new ProfileNotFoundError(userId));
    // Whatever revision it holds now, it was not the expected one when we wrote.
    const found = outcome.itemAsFound ?? (await this.getItem(userId));
    return err(found === undefined ? new ProfileNotFoundError(userId) : new StaleVersionError(userId, expected));
  }

  /** GetItem, PutItem, DeleteItem: see `claimMove`. */
  claim(
    from: UserProfile,
    claimed: UserProfile,
  ): Promise<Result<void, ProfileAlreadyExistsError | ProfileNotFoundError | StaleVersionError>> {
    return claimMove(this.client, this.tableName, (userId) => this.getItem(userId), from, claimed);
  }

  async list({ limit, cursor }: PageRequest): Promise<Result<ProfilePage, InvalidCursorError>> {
    const cursors = this.cursors.codecFor(cursor);
    const startKey = cursor === undefined ? undefined : (await cursors).decode(cursor);
    if (cursor !== undefined && startKey === undefined) return err(new InvalidCursorError());
    const page = await orStoreFault(() => this.client.send(listPageQuery(this.tableName, limit, startKey)));
    const after = nextPageAfter(page);
    return ok({
      items: this.readProfiles(page.Items ?? []),
      nextCursor: after === undefined ? null : (await cursors).encode({ userId: after }),
    });
  }

  async findByEmail(email: string, { limit, cursor }: PageRequest): Promise<Result<ProfilePage, InvalidCursorError>> {
    // The cursor names the last id seen; the email it was issued for is signed into it (never
    // written in it), so it cannot continue another lookup and does not show the address.
    const scope = `email:${email}`;
    const cursors = this.cursors.codecFor(cursor);
    const start = cursor === undefined ? undefined : (await cursors).decode(cursor, scope);
    if (cursor !== undefined && start === undefined) return err(new InvalidCursorError());
    const page = await orStoreFault(() =>
      this.client.send(emailPageQuery(this.tableName, email, limit, start?.userId)),
    );
    const after = nextPageAfter(page);
    return ok({
      items: this.readProfiles(page.Items ?? []),
      nextCursor: after === undefined ? null : (await cursors).encode({ userId: after }, scope),
    });
  }

  /** The item a failed condition found, with its profile and that profile's revision; undefined if none or unreadable. */
  private foundAfterFailure(item: Record<string, unknown> | undefined) {
    const profile = item && this.readProfile(item);
    return item && profile && { ...profile.revision, item, profile };
  }

  // The item an UpdateItem returned: always readable, as the condition asked for the current shape.
  private writtenProfile(attributes: Record<string, unknown> | undefined): UserProfile {
    const profile = attributes && this.readProfile(attributes);
    if (!profile) throw new Error('the store returned no readable item for a successful change');
    return profile;
  }

  private async getItem(userId: string): Promise<Record<string, unknown> | undefined> {
    const result = await orStoreFault(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: { [KEY]: userId }, ConsistentRead: true })),
    );
    return result.Item;
  }
}
