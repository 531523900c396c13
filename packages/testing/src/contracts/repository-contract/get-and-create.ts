import { ProfileAlreadyExistsError } from '@userprofile/domain';
import { UserProfileMother } from '../../mothers/user-profile-mother';
import type { ContractContext } from './contract-context';

/** The contract of `get` and `create`. */
export function describeGetAndCreate(ctx: ContractContext): void {
  describe('get', () => {
    it('returns undefined for an id never stored', async () => {
      expect(await ctx.repository.get(UserProfileMother.userId())).toBeUndefined();
    });

    it('returns exactly what was created, field for field', async () => {
      const profile = UserProfileMother.create({ firstName: 'Émilie', lastName: '小林 誠', phoneNumber: null });
      await ctx.store(profile);
      expect(await ctx.stored(profile.userId)).toEqual(profile.toPrimitives());
    });
  });

  describe('create', () => {
    it('refuses an id that exists and keeps the first profile', async () => {
      const first = UserProfileMother.create();
      const second = UserProfileMother.create({ userId: first.userId, firstName: 'Other' });
      await ctx.store(first);

      const result = await ctx.repository.create(second);

      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toBeInstanceOf(ProfileAlreadyExistsError);
      expect(await ctx.stored(first.userId)).toEqual(first.toPrimitives());
    });

    it('lets exactly one of many concurrent creates of one id succeed', async () => {
      const userId = UserProfileMother.userId();
      const results = await Promise.all(
        Array.from({ length: 8 }, () => ctx.repository.create(UserProfileMother.create({ userId }))),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    });
  });
}
