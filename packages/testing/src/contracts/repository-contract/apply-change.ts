import { ProfileNotFoundError, StaleVersionError } from '@userprofile/domain';
import { UserProfileMother } from '../../mothers/user-profile-mother';
import { CONCURRENT_WRITERS, changeConcurrently, recreatedAfterRead } from './arrange';
import type { ContractContext } from './contract-context';

/** The contract of `applyChange`. */
export function describeApplyChange(ctx: ContractContext): void {
  describe('applyChange', () => {
    it('applies the change when the expected revision matches and returns what it stored', async () => {
      const profile = UserProfileMother.create();
      await ctx.store(profile);
      const change = UserProfileMother.change(profile.userId, { firstName: 'Grace', phoneNumber: null });

      const result = await ctx.repository.applyChange(change, profile.revision);

      const expected = profile.apply(change).toPrimitives();
      expect(result.ok && result.value.toPrimitives()).toEqual(expected);
      expect(await ctx.stored(profile.userId)).toEqual(expected);
    });

    it('applies the change when no revision is expected, keeping the fields it does not name', async () => {
      const profile = UserProfileMother.create({ phoneNumber: '+447700900123' });
      await ctx.store(profile);
      const change = UserProfileMother.change(profile.userId, { email: 'new@example.com' });

      const result = await ctx.repository.applyChange(change);

      expect(result.ok && result.value.toPrimitives()).toEqual({
        ...profile.toPrimitives(),
        email: 'new@example.com',
        updatedAt: change.updatedAt.toISOString(),
        version: profile.version + 1,
      });
      expect(await ctx.stored(profile.userId)).toEqual(result.ok && result.value.toPrimitives());
    });

    it('refuses a stale expected version and changes nothing', async () => {
      const profile = UserProfileMother.create();
      await ctx.store(profile);
      const change = UserProfileMother.change(profile.userId, { lastName: 'Hopper' });

      const result = await ctx.repository.applyChange(change, { ...profile.revision, version: profile.version + 1 });

      expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
      expect(await ctx.stored(profile.userId)).toEqual(profile.toPrimitives());
    });

    it('never creates: changing a missing profile is not found, and it stays missing', async () => {
      const ghost = UserProfileMother.create();
      const change = UserProfileMother.change(ghost.userId, { firstName: 'Ghost' });

      const withVersion = await ctx.repository.applyChange(change, ghost.revision);
      const withoutVersion = await ctx.repository.applyChange(change);

      expect(!withVersion.ok && withVersion.error).toBeInstanceOf(ProfileNotFoundError);
      expect(!withoutVersion.ok && withoutVersion.error).toBeInstanceOf(ProfileNotFoundError);
      expect(await ctx.repository.get(ghost.userId)).toBeUndefined();
    });

    it('refuses the revision of a deleted profile once the id is created again (no ABA), and keeps the new one', async () => {
      // Prepare: read, then the profile is deleted and created again (versions restart at 1).
      const { read, reborn } = await recreatedAfterRead(ctx);

      // Act: the change conditioned on what was read lands after the re-create.
      const result = await ctx.repository.applyChange(
        UserProfileMother.change(read.userId, { firstName: 'Resurrected' }),
        read.revision,
      );

      // Assess: same id and version, another incarnation: stale, and the new profile is intact.
      expect(reborn.version).toBe(read.version);
      expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
      expect(await ctx.stored(read.userId)).toEqual(reborn.toPrimitives());
    });

    it('lets exactly one of many concurrent changes from the same version succeed', async () => {
      const profile = UserProfileMother.create();
      await ctx.store(profile);

      const results = await changeConcurrently(ctx, profile.userId, profile.revision);

      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.error instanceof StaleVersionError)).toHaveLength(CONCURRENT_WRITERS - 1);
      expect((await ctx.repository.get(profile.userId))?.version).toBe(profile.version + 1);
    });

    it('applies every one of many concurrent changes without an expected version, each on top of the last', async () => {
      const profile = UserProfileMother.create();
      await ctx.store(profile);

      const results = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          ctx.repository.applyChange(UserProfileMother.change(profile.userId, { firstName: `Writer${i}` })),
        ),
      );

      expect(results.filter((r) => !r.ok)).toEqual([]);
      const versions = results.map((r) => r.ok && r.value.version).sort((a, b) => Number(a) - Number(b));
      expect(versions).toEqual(Array.from({ length: 16 }, (_, i) => profile.version + 1 + i));
      const last = results.find((r) => r.ok && r.value.version === profile.version + 16);
      expect(await ctx.stored(profile.userId)).toEqual(last?.ok && last.value.toPrimitives());
    });
  });
}
