import { UserProfileMother } from '../../mothers/user-profile-mother';
import type { ContractContext } from './contract-context';

/** The contract of the write token: kept with the last write, apart from the profile. */
export function describeWriteToken(ctx: ContractContext): void {
  describe('write token', () => {
    it("keeps the last write's token apart from the profile, and a write without one clears it", async () => {
      // Prepare
      const profile = UserProfileMother.create();
      await ctx.repository.create(profile, { writeToken: 'token-create' });
      const afterCreate = await ctx.repository.lastWrite(profile.userId);
      const change = UserProfileMother.change(profile.userId, { firstName: 'Grace' });

      // Act
      const changed = await ctx.repository.applyChange(change, profile.revision, { writeToken: 'token-change' });
      const afterChange = await ctx.repository.lastWrite(profile.userId);
      await ctx.repository.applyChange(UserProfileMother.change(profile.userId, { lastName: 'Hopper' }));
      const afterUnkeyed = await ctx.repository.lastWrite(profile.userId);

      // Assess
      expect(afterCreate?.writeToken).toBe('token-create');
      expect(afterCreate?.profile.toPrimitives()).toEqual(profile.toPrimitives());
      expect(afterChange?.writeToken).toBe('token-change');
      expect(changed.ok && changed.value.toPrimitives()).toEqual(afterChange?.profile.toPrimitives());
      expect(afterChange?.profile.toPrimitives()).not.toHaveProperty('writeToken');
      expect(afterUnkeyed).toEqual({ profile: expect.anything() });
      expect(await ctx.repository.lastWrite(UserProfileMother.userId())).toBeUndefined();
    });
  });
}
