import { CLAIMED_FROM, CURRENT_ITEM_ATTRIBUTES } from '@userprofile/adapters-aws';

/**
 * Every attribute an item of the current shape may have (see `CurrentStoredItem`), plus the one a
 * sign-up's claim sets on the item it moved (the id it came from): kept, never a lossy value.
 */
export const CURRENT_ATTRIBUTES: readonly string[] = [...CURRENT_ITEM_ATTRIBUTES, CLAIMED_FROM];
