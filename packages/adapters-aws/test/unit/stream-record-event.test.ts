import type { DynamoDBRecord } from 'aws-lambda';

import { eventIdOf, MalformedStreamRecordError, streamRecordEvent } from '../../src';
import { streamRecordFixture } from '../support/stream-fixtures';

const LEGACY_USER = '3f2a9c4e-7d1b-4e8f-a6c5-0b9d8e7f6a51';
const CURRENT_USER = 'c8f1d7a2-4b3e-4f6a-9d21-5e7b0c3a1f90';

describe('streamRecordEvent', () => {
  describe('records of items in the current shape', () => {
    it('maps an INSERT to UserProfileCreated at the new image revision, with the record time and a derived id', () => {
      // Prepare
      const record = streamRecordFixture('insert');

      // Act
      const result = streamRecordEvent(record);

      // Assess
      expect(result).toEqual({
        sequenceNumber: record.dynamodb?.SequenceNumber,
        userId: CURRENT_USER,
        unreadableImages: [],
        event: {
          type: 'UserProfileCreated',
          detail: {
            eventId: eventIdOf(record.eventSourceARN!, CURRENT_USER, record.dynamodb!.SequenceNumber!),
            userId: CURRENT_USER,
            version: 1,
            incarnation: 'k2m9x4q7c1r8p0ab',
            changedFields: ['email', 'firstName', 'lastName', 'phoneNumber'],
            occurredAt: new Date(record.dynamodb!.ApproximateCreationDateTime! * 1000).toISOString(),
          },
        },
      });
    });

    it('maps a MODIFY to UserProfileUpdated naming the changed fields, a removed phone number included', () => {
      const { event } = streamRecordEvent(streamRecordFixture('modify'));

      expect(event?.type).toBe('UserProfileUpdated');
      expect(event?.detail).toMatchObject({ version: 2, changedFields: ['firstName', 'phoneNumber'] });
    });

    it('maps a REMOVE to UserProfileDeleted at the revision the item had last', () => {
      const { event } = streamRecordEvent(streamRecordFixture('remove'));

      expect(event?.type).toBe('UserProfileDeleted');
      expect(event?.detail).toMatchObject({
        version: 3,
        incarnation: 'k2m9x4q7c1r8p0ab',
        changedFields: ['email', 'firstName', 'lastName'],
      });
    });

    it("maps a claim's INSERT to UserProfileClaimed naming the id it was claimed from, and no value", () => {
      const { event } = streamRecordEvent(streamRecordFixture('claim-insert'));

      expect(event?.type).toBe('UserProfileClaimed');
      expect(event?.detail).toMatchObject({ userId: CURRENT_USER, version: 4, claimedFrom: LEGACY_USER });
      expect(JSON.stringify(event)).not.toMatch(/@|Lovelace|\+44/);
    });

    it('gives no event for a MODIFY that wrote the same values again', () => {
      const result = streamRecordEvent(streamRecordFixture('modify-no-op'));

      expect(result.event).toBeUndefined();
      expect(result.sequenceNumber).toMatch(/^\d+$/);
    });
  });

  describe("records of the original stack's items", () => {
    it('compares a legacy old image by its domain values: only the really changed field is named', () => {
      // Prepare: the old image has a mixed-case email, phone '' and naive timestamps; the update
      // lower-cased the email, dropped the empty phone and changed the last name.
      const record = streamRecordFixture('legacy-modify');

      // Act
      const { event } = streamRecordEvent(record);

      // Assess
      expect(event).toEqual({
        type: 'UserProfileUpdated',
        detail: expect.objectContaining({
          userId: LEGACY_USER,
          version: 2,
          incarnation: 'legacy',
          changedFields: ['lastName'],
        }),
      });
    });

    it('gives no event when a legacy item is only rewritten to the current shape', () => {
      expect(streamRecordEvent(streamRecordFixture('legacy-rewrite')).event).toBeUndefined();
    });

    it('maps the REMOVE of a legacy item to UserProfileDeleted at version 1 of the legacy incarnation', () => {
      const { event } = streamRecordEvent(streamRecordFixture('legacy-remove'));

      expect(event?.type).toBe('UserProfileDeleted');
      expect(event?.detail).toMatchObject({
        version: 1,
        incarnation: 'legacy',
        changedFields: ['email', 'firstName', 'lastName'],
      });
    });

    it('maps an upserted legacy item (NULL and numeric names, no createdAt) to UserProfileCreated', () => {
      const { event } = streamRecordEvent(streamRecordFixture('legacy-insert'));

      expect(event?.type).toBe('UserProfileCreated');
      expect(event?.detail).toMatchObject({ version: 1, incarnation: 'legacy' });
    });

    it('treats an image the API cannot read (no email) as no profile, and says which image and why', () => {
      // Prepare: a legacy item without an email (the API answers 404 for it), then repaired.
      const record = streamRecordFixture('legacy-unreadable-repaired');

      // Act
      const result = streamRecordEvent(record);

      // Assess
      expect(result.event?.type).toBe('UserProfileCreated');
      expect(result.unreadableImages).toEqual([{ image: 'OldImage', reason: 'email' }]);
    });
  });

  describe('event ids', () => {
    it('gives one change the same id on every delivery, and different records different ids', () => {
      const first = streamRecordEvent(streamRecordFixture('insert')).event?.detail.eventId;
      const again = streamRecordEvent(streamRecordFixture('insert')).event?.detail.eventId;
      const other = streamRecordEvent(streamRecordFixture('modify')).event?.detail.eventId;

      expect(first).toMatch(/^[0-9a-f]{32}$/);
      expect(again).toBe(first);
      expect(other).not.toBe(first);
    });

    it('tells apart the same sequence number in a re-created stream of the same table', () => {
      // Prepare
      const arn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/user-profiles-dev/stream/';

      // Act
      const before = eventIdOf(`${arn}2026-11-20T09:15:42.117`, CURRENT_USER, '100');
      const after = eventIdOf(`${arn}2026-12-01T00:00:00.000`, CURRENT_USER, '100');

      // Assess
      expect(after).not.toBe(before);
    });
  });

  describe('malformed records', () => {
    const withStream = (change: (record: DynamoDBRecord) => void): DynamoDBRecord => {
      const record = structuredClone(streamRecordFixture('modify'));
      change(record);
      return record;
    };

    it.each([
      ['dynamodb.SequenceNumber', (r: DynamoDBRecord) => delete r.dynamodb!.SequenceNumber],
      ['dynamodb.Keys.userId', (r: DynamoDBRecord) => delete r.dynamodb!.Keys],
      ['eventSourceARN', (r: DynamoDBRecord) => delete r.eventSourceARN],
      ['dynamodb.NewImage', (r: DynamoDBRecord) => delete r.dynamodb!.NewImage],
      ['eventName', (r: DynamoDBRecord) => delete r.eventName],
    ])('fails naming %s when it is missing', (missing, change) => {
      expect(() => streamRecordEvent(withStream(change))).toThrow(MalformedStreamRecordError);
      expect(() => streamRecordEvent(withStream(change))).toThrow(missing);
    });
  });
});
