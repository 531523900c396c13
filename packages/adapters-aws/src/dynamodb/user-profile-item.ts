import { UserProfile, type UserProfilePrimitives } from '@userprofile/domain';

/**
 * A profile as stored in the table: the primitives, except that a profile without a phone
 * number has no `phoneNumber` attribute (rather than a NULL one), so items stay sparse.
 */
export interface UserProfileItem {
  readonly userId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phoneNumber?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** The item that stores `profile`. */
export function toItem(profile: UserProfile): UserProfileItem {
  const { phoneNumber, ...rest } = profile.toPrimitives();
  return phoneNumber === null ? rest : { ...rest, phoneNumber };
}

/**
 * The profile an item stores. Only this adapter writes the table and it only writes profiles
 * the aggregate made, so the item is trusted; a missing phone number attribute means none.
 */
export function fromItem(item: Record<string, unknown>): UserProfile {
  const stored = item as unknown as UserProfileItem;
  const primitives: UserProfilePrimitives = {
    userId: stored.userId,
    email: stored.email,
    firstName: stored.firstName,
    lastName: stored.lastName,
    phoneNumber: stored.phoneNumber ?? null,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    version: Number(stored.version),
  };
  return UserProfile.fromPrimitives(primitives);
}
