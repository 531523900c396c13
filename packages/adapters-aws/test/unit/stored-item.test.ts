import { LegacyItemMother } from '@userprofile/testing';

import { LEGACY_INCARNATION, readStoredItem } from '../../src/dynamodb/stored-item';

const USER_ID = '3f0c2a1e-7b7d-4c1e-9d1a-2b3c4d5e6f70';

describe('readStoredItem', () => {
  it('reads an item of the original stack as version 1 of the legacy incarnation, in the current shape', () => {
    // Prepare
    const raw = LegacyItemMother.created({
      email: ' Legacy.One@Example.com ',
      updatedAt: '2024-05-02T11:30:00.654321',
    });

    // Act
    const reading = readStoredItem(raw);

    // Assess
    expect(reading).toEqual({
      readable: true,
      item: {
        ...LegacyItemMother.createdInCurrentShape(raw.userId, LEGACY_INCARNATION),
        updatedAt: '2024-05-02T11:30:00.654Z',
      },
      repairs: expect.arrayContaining(['email', 'phoneNumber', 'createdAt', 'updatedAt', 'version', 'incarnation']),
    });
  });

  it('takes createdAt from updatedAt for an item the original upserted, and drops NULLs and odd types', () => {
    // Act
    const reading = readStoredItem({
      userId: USER_ID,
      email: 'a@example.com',
      firstName: null,
      lastName: 42,
      phoneNumber: 'call me',
      updatedAt: '2024-05-02T11:30:00.000001',
      version: '7',
    });

    // Assess
    expect(reading.readable && reading.item).toEqual({
      userId: USER_ID,
      email: 'a@example.com',
      firstName: '',
      lastName: '42',
      createdAt: '2024-05-02T11:30:00.000Z',
      updatedAt: '2024-05-02T11:30:00.000Z',
      version: 1,
      incarnation: LEGACY_INCARNATION,
    });
  });

  it('keeps a current item as it is, valid phone, version and incarnation included', () => {
    // Prepare
    const item = LegacyItemMother.current();

    // Act / Assess
    expect(readStoredItem(item)).toEqual({ readable: true, item, repairs: [] });
  });

  it('reports an item without a usable userId or email as unreadable, by id only', () => {
    expect(readStoredItem({ email: 'a@example.com' })).toEqual({
      readable: false,
      userId: undefined,
      reason: 'userId',
    });
    expect(readStoredItem({ userId: USER_ID, email: null })).toEqual({
      readable: false,
      userId: USER_ID,
      reason: 'email',
    });
  });
});
