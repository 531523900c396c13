import { UserProfile, type UserProfilePrimitives } from '@userprofile/domain';

import { readStoredItem, type CurrentStoredItem } from './stored-item';

/**
 * A profile as stored in the table: the primitives, except that a profile without a phone
 * number has no `phoneNumber` attribute (rather than a NULL one), so items stay sparse. It is
 * the current shape the lenient reader brings every stored item to, plus the write token.
 */
export type UserProfileItem = CurrentStoredItem & { readonly writeToken?: string };

/**
 * The attribute that holds the token of the write that last made or changed the item (see
 * `WriteOptions`). The reader never copies it into a profile, so no answer or event shows it.
 */
export const WRITE_TOKEN = 'writeToken';

/** The item that stores `profile`, stamped with `writeToken` when the write has one. */
export function toItem(profile: UserProfile, writeToken?: string): UserProfileItem {
  const { phoneNumber, ...rest } = profile.toPrimitives();
  const item: UserProfileItem = phoneNumber === null ? rest : { ...rest, phoneNumber };
  return writeToken === undefined ? item : { ...item, [WRITE_TOKEN]: writeToken };
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
