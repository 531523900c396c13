import { StaleVersionError } from '@userprofile/domain';
import { UserProfileMother } from '../../mothers/user-profile-mother';
import { CONCURRENT_WRITERS, changeConcurrently } from './arrange';
import type { ContractContext } from './contract-context';

/**
 * The contract of `applyChange` on items an older writer left (served as version 1 of the
 * `legacy` incarnation), for stores that can hold them.
 *
 * @param storeLegacyItem stores such an item in the store the last factory call made and returns its id
 */
export function describeLegacyItems(ctx: ContractContext, storeLegacyItem: () => Promise<string>): void {
  describe('applyChange on a profile stored in an older shape', () => {
    const servedLegacy = async () => {
      const userId = await storeLegacyItem();
      const served = await ctx.repository.get(userId);
      if (!served) throw new Error(`the legacy item ${userId} was not served`);
      expect(served.revision).toEqual({ version: 1, incarnation: 'legacy' });
      return served;
    };

    it('applies a change at the revision it was served with and stores the current shape', async () => {
      const served = await servedLegacy();
      const change = UserProfileMother.change(served.userId, { firstName: 'Augusta' });

      const result = await ctx.repository.applyChange(change, served.revision);

      const expected = served.apply(change).toPrimitives();
      expect(result.ok && result.value.toPrimitives()).toEqual(expected);
      expect(await ctx.stored(served.userId)).toEqual(expected);
    });

    it('then applies the next change on top of the first, with or without its revision', async () => {
      const served = await servedLegacy();
      const first = await ctx.repository.applyChange(UserProfileMother.change(served.userId, { firstName: 'One' }));
      if (!first.ok) throw first.error;

      const second = await ctx.repository.applyChange(
        UserProfileMother.change(served.userId, { lastName: 'Two' }),
        first.value.revision,
      );
      const third = await ctx.repository.applyChange(UserProfileMother.change(served.userId, { phoneNumber: null }));

      expect(third.ok && third.value.toPrimitives()).toMatchObject({
        firstName: 'One',
        lastName: 'Two',
        version: 4,
      });
      expect(second.ok && second.value.version).toBe(3);
    });

    it('refuses a change at another revision and changes nothing', async () => {
      const served = await servedLegacy();

      const result = await ctx.repository.applyChange(UserProfileMother.change(served.userId, { firstName: 'Stale' }), {
        ...served.revision,
        version: 2,
      });

      expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
      expect(await ctx.stored(served.userId)).toEqual(served.toPrimitives());
    });

    it('applies every one of many concurrent changes without an expected version', async () => {
      const served = await servedLegacy();

      const results = await changeConcurrently(ctx, served.userId);

      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect((await ctx.repository.get(served.userId))?.version).toBe(1 + CONCURRENT_WRITERS);
    });

    it('lets exactly one of many concurrent changes at the served revision succeed', async () => {
      const served = await servedLegacy();

      const results = await changeConcurrently(ctx, served.userId, served.revision);

      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect((await ctx.repository.get(served.userId))?.version).toBe(2);
    });
  });
}
