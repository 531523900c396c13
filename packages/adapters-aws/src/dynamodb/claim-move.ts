import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  err,
  ok,
  ProfileAlreadyExistsError,
  ProfileNotFoundError,
  StaleVersionError,
  type Result,
  type UserProfile,
} from '@userprofile/domain';

import { conditionalWrite } from './conditional-write';
import { CURRENT_ITEM_ATTRIBUTES } from './stored-item';
import { unchangedCondition } from './unchanged-condition';
import { fromItem, toItem, WRITE_TOKEN } from './user-profile-item';
import { USER_PROFILE_TABLE } from './user-profile-table';

/**
 * The attribute that marks an item a claim put at its owner's `sub`: the id it was claimed from.
 * The stream reads it to tell a claim from a create; `pnpm migrate` reads it to finish a claim
 * whose second write never happened.
 */
export const CLAIMED_FROM = 'claimedFrom';

/** Every attribute a stored item may have; one the item lacks must stay absent for it to be unchanged. */
const KNOWN_ATTRIBUTES = [...CURRENT_ITEM_ATTRIBUTES, WRITE_TOKEN, CLAIMED_FROM];

const KEY = USER_PROFILE_TABLE.partitionKey.name;

type ClaimResult = Result<void, ProfileAlreadyExistsError | ProfileNotFoundError | StaleVersionError>;

/**
 * Moves `from` to `claimed`'s key in two conditional writes, as `pnpm migrate` moves a profile
 * (dynalite, the tests' and `pnpm start`'s engine, has no transactions): the copy is put only
 * where nothing is (`attribute_not_exists`), then the old item is deleted only if it is exactly
 * as read (every attribute equal, none added). When that delete is refused:
 * - the old item is gone: someone finished this very move (a migration that recognised the
 *   copy as a claim of the item it was moving); the claim stands;
 * - the old item changed: the copy is taken back (only as it was put) and the claim reports a
 *   stale version, so a profile changed meanwhile is never duplicated.
 * A crash between the two writes leaves the copy and the old item: a retried confirmation finds
 * the copy at the `sub` (nothing to do), and `pnpm migrate` deletes the old item it copied.
 */
export async function claimMove(
  client: DynamoDBDocumentClient,
  tableName: string,
  getItem: (userId: string) => Promise<Record<string, unknown> | undefined>,
  from: UserProfile,
  claimed: UserProfile,
): Promise<ClaimResult> {
  const asRead = await getItem(from.userId);
  const stored = asRead && fromItem(asRead);
  if (!asRead || !stored) return err(new ProfileNotFoundError(from.userId));
  if (!sameContent(stored, from)) return err(new StaleVersionError(from.userId, from.revision));

  const copy = { ...toItem(claimed), [CLAIMED_FROM]: from.userId };
  const put = await conditionalWrite(
    client,
    new PutCommand({
      TableName: tableName,
      Item: copy,
      ConditionExpression: 'attribute_not_exists(#key)',
      ExpressionAttributeNames: { '#key': KEY },
    }),
  );
  if (!put.written) return err(new ProfileAlreadyExistsError(claimed.userId));

  const removed = await conditionalWrite(
    client,
    new DeleteCommand({
      TableName: tableName,
      Key: { [KEY]: from.userId },
      ...unchangedCondition(asRead, KNOWN_ATTRIBUTES),
    }),
  );
  if (removed.written || (await getItem(from.userId)) === undefined) return ok();

  await conditionalWrite(
    client,
    new DeleteCommand({
      TableName: tableName,
      Key: { [KEY]: claimed.userId },
      ConditionExpression: '#incarnation = :incarnation',
      ExpressionAttributeNames: { '#incarnation': 'incarnation' },
      ExpressionAttributeValues: { ':incarnation': claimed.revision.incarnation },
    }),
  );
  return err(new StaleVersionError(from.userId, from.revision));
}

// The whole profile, not only its revision: an item the original stack rewrote keeps version 1
// of the `legacy` incarnation.
function sameContent(a: UserProfile, b: UserProfile): boolean {
  return JSON.stringify(a.toPrimitives()) === JSON.stringify(b.toPrimitives());
}
