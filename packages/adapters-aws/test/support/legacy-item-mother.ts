import { randomUUID } from 'node:crypto';

/**
 * Items in the shapes the original stack's Python wrote (uuid4 ids, `utcnow().isoformat()`
 * timestamps, `''` phone by default, NULLs and other JSON types, mixed-case emails), and
 * one in the current shape, for the migration's tests.
 */
export const LegacyItemMother = {
  /** What the original's create wrote. */
  created(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      userId: randomUUID(),
      email: 'Legacy.One@Example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phoneNumber: '',
      createdAt: '2024-05-01T10:00:00.123456',
      updatedAt: '2024-05-01T10:00:00.123456',
      ...overrides,
    };
  },

  /** What the original's upserting update wrote for an id it did not have: no createdAt. */
  upserted(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      userId: randomUUID(),
      email: 'upserted@example.com',
      firstName: null,
      lastName: 7,
      updatedAt: '2024-06-01T08:00:00.000001',
      ...overrides,
    };
  },

  /** An item in the current shape, as this service writes it. */
  current(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      userId: randomUUID(),
      email: 'current@example.com',
      firstName: 'Grace',
      lastName: 'Hopper',
      phoneNumber: '+447700900123',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-02T00:00:00.000Z',
      version: 3,
      incarnation: 'k2m9x4q7c1r8p0ab',
      ...overrides,
    };
  },
};
