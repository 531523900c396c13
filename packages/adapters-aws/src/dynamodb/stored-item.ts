import { PhoneNumber, UserId } from '@userprofile/domain';

import { toIsoUtc } from './utc-timestamp';

/** The incarnation of every item written before incarnations existed (an original item: ETag `"1.legacy"`). */
export const LEGACY_INCARNATION = 'legacy';

/** Used when an item has neither a readable `createdAt` nor `updatedAt`: old, and obviously so. */
export const FALLBACK_TIMESTAMP = '1970-01-01T00:00:00.000Z';

const INCARNATION_PATTERN = /^[a-z0-9]{16}$/;

/** An item in the current shape: what every write stores. */
export interface CurrentStoredItem {
  readonly userId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phoneNumber?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly incarnation: string;
}

/** The attributes of `CurrentStoredItem`, for conditions that must name every one of them. */
export const CURRENT_ITEM_ATTRIBUTES: readonly (keyof CurrentStoredItem)[] = [
  'userId',
  'email',
  'firstName',
  'lastName',
  'phoneNumber',
  'createdAt',
  'updatedAt',
  'version',
  'incarnation',
];

/** An attribute the reader had to supply or reshape; names only, never values (no personal data). */
export type StoredItemRepair =
  'email' | 'firstName' | 'lastName' | 'phoneNumber' | 'createdAt' | 'updatedAt' | 'version' | 'incarnation';

/** What reading one raw item gave: a current-shape item plus what was repaired, or why it cannot be read. */
export type StoredItemReading =
  | { readonly readable: true; readonly item: CurrentStoredItem; readonly repairs: readonly StoredItemRepair[] }
  | { readonly readable: false; readonly userId: string | undefined; readonly reason: 'userId' | 'email' };

/**
 * Reads any item the original stack or this service could have stored. Only an item with no
 * usable `userId` or no string `email` cannot be read: without them there is no profile to
 * serve. Everything else is coerced to the current shape and the repairs are listed.
 */
export function readStoredItem(raw: Record<string, unknown>): StoredItemReading {
  const userId = raw.userId;
  if (typeof userId !== 'string' || !UserId.isPossible(userId)) {
    return { readable: false, userId: typeof userId === 'string' ? userId : undefined, reason: 'userId' };
  }
  if (typeof raw.email !== 'string' || raw.email.trim() === '') {
    return { readable: false, userId, reason: 'email' };
  }
  const repairs: StoredItemRepair[] = [];
  const email = raw.email.trim().toLowerCase();
  if (email !== raw.email) repairs.push('email');
  const firstName = readName(raw.firstName, 'firstName', repairs);
  const lastName = readName(raw.lastName, 'lastName', repairs);
  const phoneNumber = readPhone(raw.phoneNumber, repairs);
  const { createdAt, updatedAt } = readTimestamps(raw, repairs);
  const { version, incarnation } = readConcurrencyToken(raw, repairs);
  const item: { -readonly [K in keyof CurrentStoredItem]: CurrentStoredItem[K] } = {
    userId,
    email,
    firstName,
    lastName,
    createdAt,
    updatedAt,
    version,
    incarnation,
  };
  // No phone, no attribute: items stay sparse.
  if (phoneNumber !== undefined) item.phoneNumber = phoneNumber;
  return { readable: true, item, repairs };
}

// A scalar of another JSON type is shown as text; anything else becomes empty so the client sees
// it is missing and can PATCH a real name.
function readName(value: unknown, field: 'firstName' | 'lastName', repairs: StoredItemRepair[]): string {
  if (typeof value === 'string') return value;
  repairs.push(field);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

// The original stored `''` for "no phone" and accepted any string; only a valid E.164 number is
// a phone number a client could PATCH back, so anything else means none.
function readPhone(value: unknown, repairs: StoredItemRepair[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && PhoneNumber.isValid(value)) return value;
  repairs.push('phoneNumber');
  return undefined;
}

function readTimestamps(
  raw: Record<string, unknown>,
  repairs: StoredItemRepair[],
): { createdAt: string; updatedAt: string } {
  const created = toIsoUtc(raw.createdAt);
  const updated = toIsoUtc(raw.updatedAt);
  if (created !== raw.createdAt) repairs.push('createdAt');
  if (updated !== raw.updatedAt) repairs.push('updatedAt');
  // An item the original's upserting update made has no createdAt: its first write is the best
  // evidence of when it was created.
  const createdAt = created ?? updated ?? FALLBACK_TIMESTAMP;
  return { createdAt, updatedAt: updated ?? createdAt };
}

function readConcurrencyToken(
  raw: Record<string, unknown>,
  repairs: StoredItemRepair[],
): { version: number; incarnation: string } {
  const hasIncarnation = typeof raw.incarnation === 'string' && INCARNATION_PATTERN.test(raw.incarnation);
  if (!hasIncarnation) repairs.push('incarnation');
  const storedVersion = raw.version;
  const validVersion = typeof storedVersion === 'number' && Number.isSafeInteger(storedVersion) && storedVersion >= 1;
  if (!validVersion) repairs.push('version');
  // An item this service wrote before incarnations existed keeps its version (clients may hold
  // its ETag); only the incarnation is the legacy one until its next write.
  return {
    version: validVersion ? storedVersion : 1,
    incarnation: hasIncarnation ? (raw.incarnation as string) : LEGACY_INCARNATION,
  };
}
