import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

import { ProfileChange } from '@userprofile/domain';
import { LegacyItemMother } from '@userprofile/testing';

import { DynamoDbUserProfileRepository, type UnreadableItemObserver } from '../../src';
import { useDynaliteClient } from '../support/dynalite-client';
import { freshTable, TEST_CURSOR_SIGNING_KEY } from '../support/tables';

const ORIGINAL_ID = '0b6f1d2e-3c4a-4b5d-8e6f-7a8b9c0d1e2f';
const UPSERTED_ID = '1c7a2e3f-4d5b-4c6e-9f70-8b9cad1e2f30';
const NO_EMAIL_ID = '2d8b3f40-5e6c-4d7f-a081-9cadbe2f3041';

// Shapes the original Python stack wrote: naive utcnow() timestamps, '' phone, mixed-case email,
// and an item its upserting update made (no createdAt, no email-independent fields).
const ORIGINAL_ITEMS = [
  LegacyItemMother.created({ userId: ORIGINAL_ID }),
  LegacyItemMother.upserted({ userId: UPSERTED_ID, email: 'up@example.com' }),
  { userId: NO_EMAIL_ID, firstName: 'Nobody' },
];

describe('DynamoDbUserProfileRepository with items the original stack wrote (dynalite)', () => {
  const dynalite = useDynaliteClient();
  let tableName: string;
  let repository: DynamoDbUserProfileRepository;
  let reported: (string | undefined)[];

  beforeEach(async () => {
    const { client } = dynalite;
    tableName = await freshTable(client);
    reported = [];
    const observer: UnreadableItemObserver = { unreadableItem: (userId) => reported.push(userId) };
    repository = new DynamoDbUserProfileRepository({
      client,
      tableName,
      cursorSigningKey: TEST_CURSOR_SIGNING_KEY,
      unreadableItemObserver: observer,
    });
    for (const Item of ORIGINAL_ITEMS) await client.send(new PutCommand({ TableName: tableName, Item }));
  });

  it('serves an original item as version 1 with UTC timestamps, a lower-cased email and no empty phone', async () => {
    const profile = await repository.get(ORIGINAL_ID);

    expect(profile?.toPrimitives()).toEqual({
      userId: ORIGINAL_ID,
      email: 'legacy.one@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phoneNumber: null,
      createdAt: '2024-05-01T10:00:00.123Z',
      updatedAt: '2024-05-01T10:00:00.123Z',
      version: 1,
      incarnation: 'legacy',
    });
  });

  it('serves an upserted item with createdAt taken from updatedAt', async () => {
    const profile = await repository.get(UPSERTED_ID);

    expect(profile?.toPrimitives()).toMatchObject({
      createdAt: '2024-06-01T08:00:00.000Z',
      firstName: '',
      lastName: '7',
    });
  });

  it('lists a page holding an unreadable item with the others, and reports that item by id', async () => {
    const page = await repository.list({ limit: 10 });

    expect(page.ok && page.value.items.map((p) => p.userId).sort()).toEqual([ORIGINAL_ID, UPSERTED_ID].sort());
    expect(reported).toEqual([NO_EMAIL_ID]);
  });

  it('updates an original item at version 1 and stores it in the current shape', async () => {
    const read = await repository.get(ORIGINAL_ID);
    if (!read) throw new Error('the original item was not served');
    const change = ProfileChange.create(read.userId, { firstName: 'Augusta' }, new Date('2026-01-01T00:00:00.000Z'));
    if (!change.ok) throw change.error;

    const written = await repository.applyChange(change.value, read.revision);

    expect(written.ok).toBe(true);
    const { Item } = await dynalite.client.send(new GetCommand({ TableName: tableName, Key: { userId: ORIGINAL_ID } }));
    expect(Item).toEqual({
      userId: ORIGINAL_ID,
      email: 'legacy.one@example.com',
      firstName: 'Augusta',
      lastName: 'Lovelace',
      createdAt: '2024-05-01T10:00:00.123Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      version: 2,
      // Kept as the legacy one: only a create makes a new incarnation, and a re-create never
      // makes `legacy`, so the ETag "2.legacy" still names this life of the profile only.
      incarnation: 'legacy',
    });
  });

  it('changes an item written before incarnations existed from the version it holds, and then in one request', async () => {
    // Prepare: this service's own shape before incarnations: a version, no incarnation.
    const { incarnation: _none, ...beforeIncarnations } = LegacyItemMother.current({ version: 4 });
    await dynalite.client.send(new PutCommand({ TableName: tableName, Item: beforeIncarnations }));
    const userId = String(beforeIncarnations.userId);
    const change = (firstName: string) =>
      ProfileChange.create(userId, { firstName }, new Date('2026-01-01T00:00:00.000Z'));
    const first = change('Four');
    const second = change('Five');
    if (!first.ok || !second.ok) throw new Error('invalid change');

    // Act
    const written = await repository.applyChange(first.value, { version: 4, incarnation: 'legacy' });
    const again = await repository.applyChange(second.value, { version: 5, incarnation: 'legacy' });

    // Assess
    expect([written.ok && written.value.revision, again.ok && again.value.revision]).toEqual([
      { version: 5, incarnation: 'legacy' },
      { version: 6, incarnation: 'legacy' },
    ]);
    const { Item } = await dynalite.client.send(new GetCommand({ TableName: tableName, Key: { userId } }));
    expect(Item).toMatchObject({ firstName: 'Five', version: 6, incarnation: 'legacy' });
  });
});
