import { UserProfileMother } from '@userprofile/testing';

import { fromItem, toItem } from '../../src/dynamodb/user-profile-item';

describe('user profile items', () => {
  it('store a profile without a phone number as an item without that attribute', () => {
    const profile = UserProfileMother.create({ phoneNumber: null });

    const item = toItem(profile);

    expect(item).not.toHaveProperty('phoneNumber');
    expect(fromItem({ ...item })?.toPrimitives()).toEqual(profile.toPrimitives());
  });

  it('round-trip a profile with every field set', () => {
    const profile = UserProfileMother.create({ phoneNumber: '+447700900123', firstName: 'Émilie' });
    expect(fromItem({ ...toItem(profile) })?.toPrimitives()).toEqual(profile.toPrimitives());
  });
});
