import { CLAIMED_FROM, LEGACY_INCARNATION, readStoredItem, type CurrentStoredItem } from '@userprofile/adapters-aws';
import { CURRENT_ATTRIBUTES } from './current-attributes';

/** Why an item is reported and left as it is. Names only: a report never carries a value. */
export type ProblemReason =
  | 'unusable-user-id'
  | 'missing-email'
  | 'lossy-value'
  | 'no-cognito-user'
  | 'several-cognito-users'
  | 'email-not-searchable'
  | 'target-exists'
  | 'kept-changing';

/** An item the migration could not bring to the current shape, by id and reason. */
export interface ItemProblem {
  readonly reason: ProblemReason;
  /** The attributes whose values cannot be kept, for `lossy-value`. */
  readonly fields?: readonly string[];
}

/** A legacy item read for migration: the current shape it becomes, or why it cannot. */
export type MigrationReading =
  | {
      readonly ok: true;
      readonly userId: string;
      /** Current shape, except that a missing incarnation is still `legacy`. */
      readonly item: CurrentStoredItem;
      /** Whether anything but the key differs from the item as stored. */
      readonly needsRewrite: boolean;
      /** The emails to look the owner up by: normalized first, then as stored (Cognito compares exactly). */
      readonly lookupEmails: readonly string[];
    }
  | { readonly ok: false; readonly problem: ItemProblem };

/** The result of looking an item's owner up in the user pool. */
export type OwnerMatch =
  | { readonly kind: 'one'; readonly sub: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'several' }
  | { readonly kind: 'not-searchable' };

/** What the migration does with one item. */
export type ItemPlan =
  | { readonly action: 'keep' }
  | { readonly action: 'rewrite'; readonly item: CurrentStoredItem }
  | { readonly action: 'move'; readonly item: CurrentStoredItem; readonly from: string }
  | { readonly action: 'report'; readonly problem: ItemProblem };

const KNOWN_ATTRIBUTES = new Set(CURRENT_ATTRIBUTES);

/**
 * Reads a raw item for migration with the service's own lenient reader, but refuses to
 * migrate an item whose reading would throw a value away (a phone that is not E.164, a name
 * that is a map, a timestamp that is not a date, an attribute the service does not know): the
 * service may show such an item with the value blanked, the migration must not store it so.
 * `''` and NULL are not values; an incarnation is ours to regenerate.
 */
export function readForMigration(raw: Record<string, unknown>): MigrationReading {
  const reading = readStoredItem(raw);
  if (!reading.readable) {
    return { ok: false, problem: { reason: reading.reason === 'userId' ? 'unusable-user-id' : 'missing-email' } };
  }
  const lossy = lossyFields(raw, reading.item);
  if (lossy.length > 0) return { ok: false, problem: { reason: 'lossy-value', fields: lossy } };
  const { item } = reading;
  const storedEmail = (raw.email as string).trim();
  return {
    ok: true,
    userId: item.userId,
    item,
    needsRewrite: item.incarnation === LEGACY_INCARNATION || !sameAttributes(raw, item),
    lookupEmails: storedEmail === item.email ? [item.email] : [item.email, storedEmail],
  };
}

/**
 * Decides what to do with a readable item. Without re-keying (`match` undefined) an item is
 * rewritten in place when its shape is not current. With re-keying, an item whose owner's
 * `sub` is its key is treated the same; one with exactly one owner elsewhere moves there;
 * anything else is reported and kept.
 */
export function planItem(
  reading: MigrationReading,
  match: OwnerMatch | undefined,
  newIncarnation: () => string,
): ItemPlan {
  if (!reading.ok) return { action: 'report', problem: reading.problem };
  const current = withIncarnation(reading.item, newIncarnation);
  if (match !== undefined && !(match.kind === 'one' && match.sub === reading.userId)) {
    if (match.kind === 'none') return { action: 'report', problem: { reason: 'no-cognito-user' } };
    if (match.kind === 'several') return { action: 'report', problem: { reason: 'several-cognito-users' } };
    if (match.kind === 'not-searchable') return { action: 'report', problem: { reason: 'email-not-searchable' } };
    // A profile at a new key is a new incarnation of it, whatever the old one was.
    return {
      action: 'move',
      item: { ...current, userId: match.sub, incarnation: newIncarnation() },
      from: reading.userId,
    };
  }
  return reading.needsRewrite ? { action: 'rewrite', item: current } : { action: 'keep' };
}

/**
 * Whether `existing` (found at a move's target key) is the copy an earlier run of the move
 * put there: every attribute but the random incarnation matches what this run would put.
 */
export function isEarlierCopy(existing: Record<string, unknown>, planned: CurrentStoredItem): boolean {
  const { incarnation: _ignored, ...rest } = planned;
  const keys = Object.keys(existing).filter((key) => key !== 'incarnation');
  return (
    typeof existing.incarnation === 'string' &&
    existing.incarnation !== LEGACY_INCARNATION &&
    keys.length === Object.keys(rest).length &&
    keys.every((key) => existing[key] === (rest as Record<string, unknown>)[key])
  );
}

/**
 * Whether `existing` (found at a move's target key) is the copy a sign-up's claim put there of
 * the item at `from` as it is now (see the repository's `claim`): marked as claimed from it, with
 * the same fields and `createdAt`, one version on. Its second write (the old item's delete) is
 * then what is left of the move; a copy of an older state of the item is not.
 */
export function isClaimedCopy(existing: Record<string, unknown>, planned: CurrentStoredItem, from: string): boolean {
  const sameFields = (['email', 'firstName', 'lastName', 'phoneNumber', 'createdAt'] as const).every(
    (field) => existing[field] === planned[field],
  );
  return existing[CLAIMED_FROM] === from && sameFields && existing.version === planned.version + 1;
}

function withIncarnation(item: CurrentStoredItem, newIncarnation: () => string): CurrentStoredItem {
  return item.incarnation === LEGACY_INCARNATION ? { ...item, incarnation: newIncarnation() } : item;
}

function sameAttributes(raw: Record<string, unknown>, item: CurrentStoredItem): boolean {
  const itemRecord = item as unknown as Record<string, unknown>;
  // A claim's mark is history, not shape: an item that has it needs no rewrite for it.
  const rawKeys = Object.keys(raw).filter((key) => key !== CLAIMED_FROM);
  const itemKeys = Object.keys(itemRecord);
  return rawKeys.length === itemKeys.length && itemKeys.every((key) => raw[key] === itemRecord[key]);
}

function lossyFields(raw: Record<string, unknown>, item: CurrentStoredItem): string[] {
  return Object.keys(raw).filter((field) => {
    const before = raw[field];
    if (!KNOWN_ATTRIBUTES.has(field)) return true;
    if (before === null || (typeof before === 'string' && before.trim() === '')) return false;
    switch (field) {
      case 'firstName':
      case 'lastName':
        return typeof before !== 'string' && typeof before !== 'number' && typeof before !== 'boolean';
      case 'phoneNumber':
        return item.phoneNumber === undefined;
      case 'createdAt':
      case 'updatedAt':
        return !isDate(before);
      case 'version':
        return item.version !== before;
      default:
        return false;
    }
  });
}

// The original wrote naive UTC (`isoformat()` without a zone); either reading counts as a date.
function isDate(value: unknown): boolean {
  return typeof value === 'string' && (!Number.isNaN(Date.parse(value)) || !Number.isNaN(Date.parse(`${value}Z`)));
}
