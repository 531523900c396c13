import { InvalidCursorError } from '@userprofile/domain';
import { UserProfileMother } from '../../mothers/user-profile-mother';
import type { ContractContext } from './contract-context';

/** The contract of `list`: paging that visits each profile once. */
export function describeList(ctx: ContractContext): void {
  async function walkAllPages(limit: number, betweenPages?: (pageNumber: number) => Promise<void>) {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pageNumber = 1; pageNumber < 10_000; pageNumber++) {
      const page = await ctx.repository.list({ limit, ...(cursor !== undefined && { cursor }) });
      if (!page.ok) throw page.error;
      expect(page.value.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.value.items.map((p) => p.userId));
      if (page.value.nextCursor === null) return seen;
      cursor = page.value.nextCursor;
      await betweenPages?.(pageNumber);
    }
    throw new Error('paging never ended');
  }

  describe('list', () => {
    it('returns an empty last page for an empty store', async () => {
      const page = await ctx.repository.list({ limit: 10 });
      expect(page.ok && page.value).toEqual({ items: [], nextCursor: null });
    });

    it('visits every profile exactly once across pages, then ends', async () => {
      const profiles = Array.from({ length: 23 }, () => UserProfileMother.create());
      await ctx.store(...profiles);

      const seen = await walkAllPages(5);

      expect([...seen].sort()).toEqual(profiles.map((p) => p.userId).sort());
    });

    it('ends, with nothing twice, when the last page is exactly full', async () => {
      await ctx.store(...Array.from({ length: 6 }, () => UserProfileMother.create()));
      const seen = await walkAllPages(3);
      expect(seen).toHaveLength(6);
      expect(new Set(seen).size).toBe(6);
    });

    it('stays stable while profiles are added and removed during the walk', async () => {
      const profiles = Array.from({ length: 30 }, () => UserProfileMother.create());
      await ctx.store(...profiles);
      const removed = new Set<string>();
      const added: string[] = [];

      const seen = await walkAllPages(7, async (pageNumber) => {
        if (pageNumber > 2) return;
        const victims = profiles.filter((p) => !removed.has(p.userId)).slice(pageNumber * 4, pageNumber * 4 + 2);
        for (const victim of victims) {
          await ctx.repository.delete(victim.userId);
          removed.add(victim.userId);
        }
        const newcomer = UserProfileMother.create();
        await ctx.store(newcomer);
        added.push(newcomer.userId);
      });

      expect(new Set(seen).size).toBe(seen.length);
      const presentThroughout = profiles.map((p) => p.userId).filter((id) => !removed.has(id));
      expect(seen).toEqual(expect.arrayContaining(presentThroughout));
      const unexpected = seen.filter(
        (id) => !presentThroughout.includes(id) && !added.includes(id) && !removed.has(id),
      );
      expect(unexpected).toEqual([]);
    });

    it('refuses a cursor it did not issue', async () => {
      await ctx.store(...Array.from({ length: 3 }, () => UserProfileMother.create()));
      for (const cursor of ['garbage', '', 'eyJ1c2VySWQiOiJ4In0', '%%%']) {
        const page = await ctx.repository.list({ limit: 2, cursor });
        expect(!page.ok && page.error).toBeInstanceOf(InvalidCursorError);
      }
    });

    it('refuses a cursor that was altered', async () => {
      await ctx.store(...Array.from({ length: 5 }, () => UserProfileMother.create()));
      const first = await ctx.repository.list({ limit: 2 });
      const cursor = first.ok ? first.value.nextCursor : null;
      expect(cursor).not.toBeNull();
      const tampered = cursor!.slice(0, -2) + (cursor!.endsWith('AA') ? 'BB' : 'AA');

      const page = await ctx.repository.list({ limit: 2, cursor: tampered });

      expect(!page.ok && page.error).toBeInstanceOf(InvalidCursorError);
    });
  });
}
