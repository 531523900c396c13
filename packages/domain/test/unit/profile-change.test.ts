import { EmptyChangeSetError, ProfileChange, ProfileValidationError } from '../../src';
import { UserProfileMother } from '@userprofile/testing';

const now = new Date('2026-11-24T12:30:00.000Z');

describe('ProfileChange', () => {
  it('carries only the fields it changes, normalised, with the new updatedAt and a version step of one', () => {
    const change = ProfileChange.create('alice', { email: ' NEW@Example.org', phoneNumber: null }, now);

    expect(change.ok && change.value.toPrimitives()).toEqual({
      userId: 'alice',
      fields: { email: 'new@example.org', phoneNumber: null },
      updatedAt: '2026-11-24T12:30:00.000Z',
      versionIncrement: 1,
    });
  });

  it('refuses a change that names no field', () => {
    const change = ProfileChange.create('alice', { firstName: undefined }, now);
    expect(!change.ok && change.error).toBeInstanceOf(EmptyChangeSetError);
  });

  it('reports every broken rule at once', () => {
    const change = ProfileChange.create('alice', { email: 'x', lastName: '', phoneNumber: '12' }, now);

    expect(!change.ok && change.error).toBeInstanceOf(ProfileValidationError);
    expect(!change.ok && (change.error as ProfileValidationError).violations.map((v) => v.field)).toEqual([
      'email',
      'lastName',
      'phoneNumber',
    ]);
  });

  it('applied to a profile: those fields, that time, one version higher, the rest and the incarnation kept', () => {
    const profile = UserProfileMother.create({ userId: 'alice', phoneNumber: '+447700900123' });
    const change = UserProfileMother.change('alice', { firstName: 'Augusta', phoneNumber: null }, now);

    const next = profile.apply(change);

    expect(next.toPrimitives()).toEqual({
      ...profile.toPrimitives(),
      firstName: 'Augusta',
      phoneNumber: null,
      updatedAt: now.toISOString(),
      version: profile.version + 1,
    });
  });

  it('applies only to the profile it was made for', () => {
    const profile = UserProfileMother.create({ userId: 'alice' });
    expect(() => profile.apply(UserProfileMother.change('bob', { firstName: 'Bob' }))).toThrow(/only to the profile/);
  });
});
