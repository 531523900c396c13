import {
  EmailFormatError,
  EmptyChangeSetError,
  NameLengthError,
  PhoneNumberFormatError,
  ProfileValidationError,
  UserProfile,
} from '../../src';
import { ADA, UserProfileMother } from '@userprofile/testing';

const created = new Date('2026-11-24T10:00:00.000Z');
const later = new Date('2026-11-24T12:30:00.000Z');

describe('UserProfile', () => {
  describe('create', () => {
    it('starts at version 1 with both timestamps at creation time and values normalised', () => {
      const result = UserProfile.create({ userId: 'alice', ...ADA.typed }, created);

      expect(result.ok && result.value.toPrimitives()).toEqual({
        ...ADA.kept,
        createdAt: created.toISOString(),
        updatedAt: created.toISOString(),
        incarnation: expect.stringMatching(/^[a-z0-9]{16}$/),
      });
    });

    it('gets a new incarnation on every create, kept by its changes (so a re-created id never repeats a revision)', () => {
      const input = UserProfileMother.input();
      const first = UserProfile.create(input, created);
      const again = UserProfile.create(input, created);
      if (!first.ok || !again.ok) throw new Error('valid input was refused');

      const changed = first.value.applyChanges({ firstName: 'Grace' }, created);

      expect(again.value.revision.version).toBe(first.value.revision.version);
      expect(again.value.revision.incarnation).not.toBe(first.value.revision.incarnation);
      expect(changed.ok && changed.value.revision).toEqual({
        version: 2,
        incarnation: first.value.revision.incarnation,
      });
    });

    it('treats an absent or null phone number as none', () => {
      const absent = UserProfile.create(UserProfileMother.input({ phoneNumber: undefined }), created);
      const nulled = UserProfile.create(UserProfileMother.input({ phoneNumber: null }), created);
      expect(absent.ok && absent.value.toPrimitives().phoneNumber).toBeNull();
      expect(nulled.ok && nulled.value.toPrimitives().phoneNumber).toBeNull();
    });

    it('reports every broken rule at once, each naming its field', () => {
      const result = UserProfile.create(
        { userId: 'me', email: 'not-an-email', firstName: ' ', lastName: 'x'.repeat(101), phoneNumber: '0777' },
        created,
      );

      expect(!result.ok && result.error).toBeInstanceOf(ProfileValidationError);
      const violations = !result.ok ? result.error.violations : [];
      expect(violations.map((v) => [v.field, v.code])).toEqual([
        ['userId', 'user_id_reserved'],
        ['email', 'email_format'],
        ['firstName', 'name_length'],
        ['lastName', 'name_length'],
        ['phoneNumber', 'phone_number_format'],
      ]);
    });
  });

  describe('applyChanges', () => {
    const profile = UserProfileMother.create({ firstName: 'Ada', phoneNumber: '+447700900123' }, created);

    it('changes only the given fields, bumps the version by one and sets updatedAt', () => {
      const result = profile.applyChanges({ lastName: ' Byron ' }, later);

      expect(result.ok && result.value.toPrimitives()).toEqual({
        ...profile.toPrimitives(),
        lastName: 'Byron',
        updatedAt: later.toISOString(),
        version: 2,
      });
    });

    it('clears the phone number on null and keeps it when absent', () => {
      const cleared = profile.applyChanges({ phoneNumber: null }, later);
      const kept = profile.applyChanges({ firstName: 'Augusta' }, later);
      expect(cleared.ok && cleared.value.toPrimitives().phoneNumber).toBeNull();
      expect(kept.ok && kept.value.toPrimitives().phoneNumber).toBe('+447700900123');
    });

    it('normalises a new email', () => {
      const result = profile.applyChanges({ email: 'NEW@Example.org ' }, later);
      expect(result.ok && result.value.email).toBe('new@example.org');
    });

    it('refuses an empty change set', () => {
      const result = profile.applyChanges({}, later);
      expect(!result.ok && result.error).toBeInstanceOf(EmptyChangeSetError);
    });

    it('refuses a change set whose only keys are undefined', () => {
      const result = profile.applyChanges({ email: undefined, firstName: undefined }, later);
      expect(!result.ok && result.error).toBeInstanceOf(EmptyChangeSetError);
    });

    it('refuses invalid values, lists them all and leaves the profile as it was', () => {
      const before = profile.toPrimitives();
      const result = profile.applyChanges({ email: 'x', firstName: '', phoneNumber: '12' }, later);

      const violations = !result.ok && result.error instanceof ProfileValidationError ? result.error.violations : [];
      expect(violations.map((v) => v.constructor)).toEqual([EmailFormatError, NameLengthError, PhoneNumberFormatError]);
      expect(profile.toPrimitives()).toEqual(before);
    });

    it('grows the version by one per change, never skipping', () => {
      let current = profile;
      for (let i = 0; i < 3; i++) current = UserProfileMother.changed(current, { firstName: `Ada${i}` }, later);
      expect(current.version).toBe(4);
    });
  });

  describe('primitives', () => {
    it('round-trips through fromPrimitives', () => {
      const profile = UserProfileMother.create({ phoneNumber: null });
      expect(UserProfile.fromPrimitives(profile.toPrimitives()).toPrimitives()).toEqual(profile.toPrimitives());
    });

    it('knows its owner', () => {
      const profile = UserProfileMother.create({ userId: 'alice' });
      expect(profile.isOwnedBy('alice')).toBe(true);
      expect(profile.isOwnedBy('mallory')).toBe(false);
    });
  });
});

describe('UserProfile.claimedBy', () => {
  it("keeps the fields and createdAt at the account's id, one version on, in a new incarnation", () => {
    const legacy = UserProfileMother.changed(UserProfileMother.create({}, created), { firstName: 'Ada' }, later);
    const claimedAt = new Date('2026-12-01T09:00:00.000Z');

    const claimed = legacy.claimedBy('b1c2d3e4-sub', claimedAt);

    if (!claimed.ok) throw claimed.error;
    const { userId: _old, incarnation: _oldLife, ...kept } = legacy.toPrimitives();
    expect(claimed.value.toPrimitives()).toMatchObject({
      ...kept,
      userId: 'b1c2d3e4-sub',
      version: 3,
      updatedAt: claimedAt.toISOString(),
    });
    expect(claimed.value.revision.incarnation).not.toBe(legacy.revision.incarnation);
  });

  it('refuses an id no profile could have', () => {
    const claimed = UserProfileMother.create().claimedBy('me', later);
    expect(!claimed.ok && claimed.error).toBeInstanceOf(ProfileValidationError);
  });
});
