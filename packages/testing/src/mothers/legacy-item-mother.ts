import { randomUUID } from 'node:crypto';

type Item = Record<string, unknown>;

/** A stored item: its key, and whatever else it holds. */
export type LegacyItem = Item & { userId: string };

/** What the original's create wrote, its id aside. */
const CREATED = {
  email: 'Legacy.One@Example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  phoneNumber: '',
  createdAt: '2024-05-01T10:00:00.123456',
  updatedAt: '2024-05-01T10:00:00.123456',
};

/** What the original's upserting update wrote for an id it did not have, its id aside: no createdAt. */
const UPSERTED = {
  email: 'upserted@example.com',
  firstName: null,
  lastName: 7,
  updatedAt: '2024-06-01T08:00:00.000001',
};

/**
 * Items in the shapes the original stack's Python wrote (uuid4 ids, `utcnow().isoformat()`
 * timestamps, `''` phone by default, NULLs and other JSON types, mixed-case emails), and
 * one in the current shape, for the migration's and the repositories' tests. Each has a new id.
 */
export const LegacyItemMother = {
  /** What the original's create wrote. */
  created: (overrides: Item = {}): LegacyItem => ({ userId: randomUUID(), ...CREATED, ...overrides }),

  /** What the original's upserting update wrote for an id it did not have. */
  upserted: (overrides: Item = {}): LegacyItem => ({ userId: randomUUID(), ...UPSERTED, ...overrides }),

  /**
   * What `created()` is in the current shape, as the repository reads it and the migration
   * writes it: the email lower-cased, the empty phone gone, UTC timestamps in milliseconds,
   * version 1 of `incarnation`.
   */
  createdInCurrentShape(userId: unknown, incarnation: unknown): Item {
    return {
      userId,
      email: 'legacy.one@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      createdAt: '2024-05-01T10:00:00.123Z',
      updatedAt: '2024-05-01T10:00:00.123Z',
      version: 1,
      incarnation,
    };
  },

  /** An item in the current shape, as this service writes it: a valid phone, a few changes in. */
  current(overrides: Item = {}): LegacyItem {
    const userId = randomUUID();
    const written = LegacyItemMother.createdInCurrentShape(userId, 'k2m9x4q7c1r8p0ab');
    return { ...written, userId, email: 'current@example.com', phoneNumber: '+447700900123', version: 3, ...overrides };
  },
};
