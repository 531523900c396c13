import { UserProfile, type UserProfilePrimitives } from '@userprofile/domain';

import { readStoredItem, type CurrentStoredItem } from './stored-item';

/**
 * A profile as stored in the table: the primitives, except that a profile without a phone
 * number has no `phoneNumber` attribute (rather than a NULL one), so items stay sparse. It is
 * the current shape the lenient reader brings every stored item to.
 */
export type UserProfileItem = CurrentStoredItem;

/** The item that stores `profile`. */
export function toItem(profile: UserProfile): UserProfileItem {
  const { phoneNumber, ...rest } = profile.toPrimitives();
  return phoneNumber === null ? rest : { ...rest, phoneNumber };
}

/** The profile a current-shape item holds (absent phone attribute: none). */
export function profileOf(item: CurrentStoredItem): UserProfile {
  // Field by field: an object rest copy takes V8's slow path, and this runs on every read.
  const primitives: UserProfilePrimitives = {
    userId: item.userId,
    email: item.email,
    firstName: item.firstName,
    lastName: item.lastName,
    phoneNumber: item.phoneNumber ?? null,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
    incarnation: item.incarnation,
  };
  return UserProfile.fromPrimitives(primitives);
}

/**
 * The profile an item stores, read leniently (see `readStoredItem`): any shape the original
 * stack could have written becomes a valid profile; `undefined` when the item cannot be read.
 */
export function fromItem(item: Record<string, unknown>): UserProfile | undefined {
  const reading = readStoredItem(item);
  return reading.readable ? profileOf(reading.item) : undefined;
}
