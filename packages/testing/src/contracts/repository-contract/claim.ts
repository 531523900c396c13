import {
  ProfileAlreadyExistsError,
  ProfileNotFoundError,
  StaleVersionError,
  type UserProfile,
} from '@userprofile/domain';
import { UserProfileMother } from '../../mothers/user-profile-mother';
import { CONCURRENT_WRITERS } from './arrange';
import type { ContractContext } from './contract-context';

const CLAIMED_AT = new Date('2026-12-01T09:00:00.000Z');

/** `legacy` as the account `sub` claims it. */
function claimedBy(legacy: UserProfile, sub: string): UserProfile {
  const claimed = legacy.claimedBy(sub, CLAIMED_AT);
  if (!claimed.ok) throw claimed.error;
  return claimed.value;
}

/** The contract of `claim`: a re-key that never duplicates nor loses a profile. */
export function describeClaim(ctx: ContractContext): void {
  describe('claim', () => {
    it('moves the profile to the new id, its history kept, and removes the old id', async () => {
      const legacy = UserProfileMother.create();
      await ctx.store(legacy);
      const sub = UserProfileMother.userId();

      const result = await ctx.repository.claim(legacy, claimedBy(legacy, sub));

      expect(result.ok).toBe(true);
      expect(await ctx.repository.get(legacy.userId)).toBeUndefined();
      const moved = await ctx.stored(sub);
      const { userId: _old, incarnation: _oldLife, ...kept } = legacy.toPrimitives();
      expect(moved).toEqual({
        ...kept,
        userId: sub,
        version: legacy.version + 1,
        updatedAt: CLAIMED_AT.toISOString(),
        incarnation: expect.not.stringMatching(legacy.revision.incarnation) as unknown,
      });
    });

    it('refuses when a profile is at the new id already, and changes neither', async () => {
      const legacy = UserProfileMother.create();
      const current = UserProfileMother.create();
      await ctx.store(legacy, current);

      const result = await ctx.repository.claim(legacy, claimedBy(legacy, current.userId));

      expect(!result.ok && result.error).toBeInstanceOf(ProfileAlreadyExistsError);
      expect(await ctx.stored(legacy.userId)).toEqual(legacy.toPrimitives());
      expect(await ctx.stored(current.userId)).toEqual(current.toPrimitives());
    });

    it('refuses a profile changed since it was read, and writes nothing at the new id', async () => {
      const legacy = UserProfileMother.create();
      await ctx.store(legacy);
      await ctx.repository.applyChange(UserProfileMother.change(legacy.userId, { firstName: 'Changed' }));
      const sub = UserProfileMother.userId();

      const result = await ctx.repository.claim(legacy, claimedBy(legacy, sub));

      expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
      expect(await ctx.repository.get(sub)).toBeUndefined();
      expect((await ctx.stored(legacy.userId))?.firstName).toBe('Changed');
    });

    it('reports a profile deleted since it was read as not found', async () => {
      const legacy = UserProfileMother.create();
      await ctx.store(legacy);
      await ctx.repository.delete(legacy.userId);

      const result = await ctx.repository.claim(legacy, claimedBy(legacy, UserProfileMother.userId()));

      expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
    });

    it('lets exactly one of concurrent claims of one profile by one account succeed: one profile, none lost', async () => {
      const legacy = UserProfileMother.create();
      await ctx.store(legacy);
      const sub = UserProfileMother.userId();

      const results = await Promise.all(
        Array.from({ length: CONCURRENT_WRITERS }, () => ctx.repository.claim(legacy, claimedBy(legacy, sub))),
      );

      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(await ctx.repository.get(legacy.userId)).toBeUndefined();
      expect((await ctx.stored(sub))?.firstName).toBe(legacy.toPrimitives().firstName);
    });
  });
}
