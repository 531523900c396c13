import { streamRecordEvent } from '../../src';
import { eventBridgeEnvelope, userProfileEventSchemaErrors } from '@userprofile/testing';
import { streamRecordFixture } from '../support/stream-fixtures';

const FIXTURES_WITH_EVENTS = [
  'insert',
  'modify',
  'remove',
  'legacy-insert',
  'legacy-modify',
  'legacy-remove',
  'claim-insert',
];

describe('docs/events/user-profile-event.schema.json', () => {
  it.each(FIXTURES_WITH_EVENTS)('accepts the event the %s record maps to', (fixture) => {
    // Prepare
    const { event } = streamRecordEvent(streamRecordFixture(fixture));
    if (!event) throw new Error(`fixture ${fixture} maps to no event`);

    // Act
    const errors = userProfileEventSchemaErrors(eventBridgeEnvelope(event.type, event.detail));

    // Assess
    expect(errors).toEqual([]);
  });

  it('refuses a detail that carries a value of a field (personal data)', () => {
    const { event } = streamRecordEvent(streamRecordFixture('modify'));

    const errors = userProfileEventSchemaErrors(
      eventBridgeEnvelope('UserProfileUpdated', { ...event?.detail, email: 'ada@example.com' }),
    );

    expect(errors).toContain('/detail must NOT have additional properties');
  });

  it('asks a claim, and only a claim, for the id it was claimed from', () => {
    const { event } = streamRecordEvent(streamRecordFixture('claim-insert'));
    const { claimedFrom: _from, ...created } = { ...event?.detail } as Record<string, unknown>;

    expect(userProfileEventSchemaErrors(eventBridgeEnvelope('UserProfileClaimed', created))).not.toEqual([]);
    expect(userProfileEventSchemaErrors(eventBridgeEnvelope('UserProfileCreated', event?.detail))).not.toEqual([]);
  });

  it('refuses an unknown detail-type, another source and an unknown field name', () => {
    const { event } = streamRecordEvent(streamRecordFixture('modify'));
    const detail = { ...event?.detail, changedFields: ['password'] };

    expect(userProfileEventSchemaErrors(eventBridgeEnvelope('UserProfileRenamed', event?.detail))).not.toEqual([]);
    expect(userProfileEventSchemaErrors(eventBridgeEnvelope('UserProfileUpdated', event?.detail, 'crm'))).not.toEqual(
      [],
    );
    expect(userProfileEventSchemaErrors(eventBridgeEnvelope('UserProfileUpdated', detail))).not.toEqual([]);
  });

  it('accepts an erasure with ids only, and refuses one that carries personal data or a change detail', () => {
    const erased = { eventId: 'erased:sub-ada', userId: 'sub-ada', occurredAt: '2026-11-24T10:00:07.000Z' };
    const { event } = streamRecordEvent(streamRecordFixture('remove'));

    expect(userProfileEventSchemaErrors(eventBridgeEnvelope('UserAccountErased', erased))).toEqual([]);
    expect(
      userProfileEventSchemaErrors(eventBridgeEnvelope('UserAccountErased', { ...erased, email: 'ada@example.com' })),
    ).toContain('/detail must NOT have additional properties');
    expect(userProfileEventSchemaErrors(eventBridgeEnvelope('UserAccountErased', event?.detail))).not.toEqual([]);
    expect(userProfileEventSchemaErrors(eventBridgeEnvelope('UserProfileDeleted', erased))).not.toEqual([]);
  });
});
