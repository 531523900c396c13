import { ProfileNotFoundError, StaleVersionError } from '@userprofile/domain';
import { UserProfileMother } from '../../mothers/user-profile-mother';
import { recreatedAfterRead } from './arrange';
import type { ContractContext } from './contract-context';

/** The contract of `delete`. */
export function describeDelete(ctx: ContractContext): void {
  describe('delete', () => {
    it('removes the profile, with or without an expected version', async () => {
      const [a, b] = [UserProfileMother.create(), UserProfileMother.create()];
      await ctx.store(a, b);

      expect((await ctx.repository.delete(a.userId, a.revision)).ok).toBe(true);
      expect((await ctx.repository.delete(b.userId)).ok).toBe(true);

      expect(await ctx.repository.get(a.userId)).toBeUndefined();
      expect(await ctx.repository.get(b.userId)).toBeUndefined();
    });

    it('refuses a stale expected version and keeps the profile', async () => {
      const profile = UserProfileMother.create();
      await ctx.store(profile);

      const result = await ctx.repository.delete(profile.userId, { ...profile.revision, version: profile.version + 1 });

      expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
      expect(await ctx.stored(profile.userId)).toEqual(profile.toPrimitives());
    });

    it('refuses to delete a re-created profile with the revision of the deleted one (no ABA)', async () => {
      const { read, reborn } = await recreatedAfterRead(ctx);

      const result = await ctx.repository.delete(read.userId, read.revision);

      expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
      expect(await ctx.stored(read.userId)).toEqual(reborn.toPrimitives());
    });

    it('reports a missing profile as not found', async () => {
      const result = await ctx.repository.delete(UserProfileMother.userId());
      expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
    });
  });
}
