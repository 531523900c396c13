import { profileChangeEvent, UserProfile, type ProfileEventOrigin } from '../../src';
import { UserProfileMother } from '@userprofile/testing';

const origin: ProfileEventOrigin = {
  eventId: 'stream-a/000000000000000000001',
  occurredAt: '2026-11-24T12:00:00.000Z',
};

describe('profileChangeEvent', () => {
  it('maps a profile that appeared to UserProfileCreated naming every field that has a value', () => {
    // Prepare
    const profile = UserProfileMother.create({ phoneNumber: null });

    // Act
    const event = profileChangeEvent({ before: undefined, after: profile }, origin);

    // Assess
    expect(event).toEqual({
      type: 'UserProfileCreated',
      detail: {
        eventId: origin.eventId,
        userId: profile.userId,
        version: 1,
        incarnation: profile.revision.incarnation,
        changedFields: ['email', 'firstName', 'lastName'],
        occurredAt: origin.occurredAt,
      },
    });
  });

  it('maps a changed profile to UserProfileUpdated naming only the fields whose value changed', () => {
    // Prepare
    const before = UserProfileMother.create({ lastName: 'Lovelace', phoneNumber: '+447700900123' });
    const after = UserProfileMother.changed(before, { lastName: 'King', phoneNumber: null });

    // Act
    const event = profileChangeEvent({ before, after }, origin);

    // Assess
    expect(event?.type).toBe('UserProfileUpdated');
    expect(event?.detail).toMatchObject({ version: 2, incarnation: before.revision.incarnation });
    expect(event?.detail.changedFields).toEqual(['lastName', 'phoneNumber']);
  });

  it('maps a profile that disappeared to UserProfileDeleted at the revision it had last', () => {
    // Prepare
    const before = UserProfileMother.changed(UserProfileMother.create(), { firstName: 'Grace' });

    // Act
    const event = profileChangeEvent({ before, after: undefined }, origin);

    // Assess
    expect(event?.type).toBe('UserProfileDeleted');
    expect(event?.detail).toMatchObject({ userId: before.userId, ...before.revision });
    expect(event?.detail.changedFields).toEqual(['email', 'firstName', 'lastName', 'phoneNumber']);
  });

  it('gives no event when a write changed no value, even if it raised the version', () => {
    // Prepare: the same values written again (the aggregate still counts it as a change).
    const before = UserProfileMother.create({ firstName: 'Ada' });
    const after = UserProfileMother.changed(before, { firstName: 'Ada' });

    // Act
    const event = profileChangeEvent({ before, after }, origin);

    // Assess
    expect(after.version).toBe(2);
    expect(event).toBeUndefined();
  });

  it('gives no event when a legacy profile is only given a real incarnation', () => {
    // Prepare: what the lenient reader makes of an original item, and the same profile rewritten.
    const legacy = UserProfile.fromPrimitives({
      ...UserProfileMother.create().toPrimitives(),
      version: 1,
      incarnation: 'legacy',
    });
    const rewritten = UserProfile.fromPrimitives({ ...legacy.toPrimitives(), incarnation: 'k2m9x4q7c1r8p0ab' });

    // Act
    const event = profileChangeEvent({ before: legacy, after: rewritten }, origin);

    // Assess
    expect(event).toBeUndefined();
  });

  it('gives no event when neither side holds a profile', () => {
    expect(profileChangeEvent({ before: undefined, after: undefined }, origin)).toBeUndefined();
  });

  it('never carries a field value, only field names', () => {
    // Prepare
    const before = UserProfileMother.create({ email: 'secret.person@example.com', phoneNumber: '+447700900999' });
    const after = UserProfileMother.changed(before, { email: 'other.person@example.com' });

    // Act
    const serialised = JSON.stringify(profileChangeEvent({ before, after }, origin));

    // Assess
    for (const value of ['secret.person', 'other.person', '+447700900999', before.toPrimitives().firstName]) {
      expect(serialised).not.toContain(value);
    }
  });

  it('maps a profile that appeared by a claim to UserProfileClaimed naming the id it came from', () => {
    const profile = UserProfileMother.create();

    const event = profileChangeEvent({ before: undefined, after: profile, claimedFrom: 'legacy-id-1' }, origin);

    expect(event?.type).toBe('UserProfileClaimed');
    expect(event?.detail).toMatchObject({ userId: profile.userId, claimedFrom: 'legacy-id-1' });
  });
});
