import { unchangedCondition as unchangedAmong, type WriteCondition } from '@userprofile/adapters-aws';

import { CURRENT_ATTRIBUTES } from './current-attributes';

export type { WriteCondition };

/**
 * A condition that holds only while the item is exactly as it was read, judged over the
 * attributes it had and every attribute of the current shape, so the migration never writes
 * over a change it did not see.
 */
export const unchangedCondition = (asRead: Record<string, unknown>): WriteCondition =>
  unchangedAmong(asRead, CURRENT_ATTRIBUTES);

/** A condition that holds only where no item exists yet: a move never overwrites a profile. */
export const ABSENT_CONDITION: WriteCondition = {
  ConditionExpression: 'attribute_not_exists(#key)',
  ExpressionAttributeNames: { '#key': 'userId' },
};
