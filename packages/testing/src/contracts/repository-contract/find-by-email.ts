import { InvalidCursorError } from '@userprofile/domain';
import { UserProfileMother } from '../../mothers/user-profile-mother';
import type { ContractContext } from './contract-context';

/** The contract of `findByEmail`: a paged lookup scoped to its email. */
export function describeFindByEmail(ctx: ContractContext): void {
  describe('findByEmail', () => {
    const FIRST_PAGE = { limit: 10 } as const;
    const emailOfTest = () => `shared-${UserProfileMother.userId()}@example.com`;

    /** Every page of one email's lookup, in order: each page's ids. */
    async function walkLookup(email: string, limit: number): Promise<string[][]> {
      const pages: string[][] = [];
      let cursor: string | undefined;
      for (let pageNumber = 1; pageNumber < 1_000; pageNumber++) {
        const page = await ctx.repository.findByEmail(email, { limit, ...(cursor !== undefined && { cursor }) });
        if (!page.ok) throw page.error;
        expect(page.value.items.length).toBeLessThanOrEqual(limit);
        expect(page.value.items.every((p) => p.email === email)).toBe(true);
        pages.push(page.value.items.map((p) => p.userId));
        if (page.value.nextCursor === null) return pages;
        cursor = page.value.nextCursor;
      }
      throw new Error('the lookup never ended');
    }

    const idsFound = async (email: string): Promise<string[]> => {
      const page = await ctx.repository.findByEmail(email, FIRST_PAGE);
      if (!page.ok) throw page.error;
      return page.value.items.map((p) => p.userId);
    };

    /** The cursor after the first one-item page of the email's lookup, which must have more pages. */
    async function secondPageCursor(email: string): Promise<string> {
      const first = await ctx.repository.findByEmail(email, { limit: 1 });
      const cursor = first.ok ? first.value.nextCursor : null;
      expect(cursor).not.toBeNull();
      return cursor!;
    }

    it('finds every profile with the email and no other', async () => {
      const email = emailOfTest();
      const [a, b, other] = [
        UserProfileMother.create({ email }),
        UserProfileMother.create({ email }),
        UserProfileMother.create(),
      ];
      await ctx.store(a, b, other);

      const found = await ctx.repository.findByEmail(email, FIRST_PAGE);

      expect(found.ok && found.value.items.map((p) => p.userId).sort()).toEqual([a.userId, b.userId].sort());
      expect(found.ok && found.value.nextCursor).toBeNull();
    });

    it('follows an email change and forgets a deleted profile', async () => {
      const profile = UserProfileMother.create();
      await ctx.store(profile);
      const moved = await ctx.repository.applyChange(
        UserProfileMother.change(profile.userId, { email: `moved-${profile.userId}@example.com` }),
        profile.revision,
      );
      if (!moved.ok) throw moved.error;

      expect(await idsFound(profile.email)).toEqual([]);
      const found = await ctx.repository.findByEmail(moved.value.email, FIRST_PAGE);
      expect(found.ok && found.value.items.map((p) => p.toPrimitives())).toEqual([moved.value.toPrimitives()]);

      await ctx.repository.delete(profile.userId);
      expect(await idsFound(moved.value.email)).toEqual([]);
    });

    it('returns an empty last page for an unknown email', async () => {
      const found = await ctx.repository.findByEmail('nobody@example.com', FIRST_PAGE);
      expect(found.ok && found.value).toEqual({ items: [], nextCursor: null });
    });

    it('answers at most `limit` profiles a page and visits each one exactly once across pages', async () => {
      const email = emailOfTest();
      const sharing = Array.from({ length: 7 }, () => UserProfileMother.create({ email }));
      await ctx.store(...sharing, UserProfileMother.create(), UserProfileMother.create());

      const pages = await walkLookup(email, 3);

      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(pages.slice(0, 2).map((ids) => ids.length)).toEqual([3, 3]);
      expect(pages.flat().sort()).toEqual(sharing.map((p) => p.userId).sort());
    });

    it('ends, with nothing twice, when the last page is exactly full', async () => {
      const email = emailOfTest();
      await ctx.store(...Array.from({ length: 4 }, () => UserProfileMother.create({ email })));

      const seen = (await walkLookup(email, 2)).flat();

      expect(seen).toHaveLength(4);
      expect(new Set(seen).size).toBe(4);
    });

    it('refuses a cursor it did not issue, or one altered', async () => {
      const email = emailOfTest();
      await ctx.store(...Array.from({ length: 3 }, () => UserProfileMother.create({ email })));
      const cursor = await secondPageCursor(email);
      const tampered = cursor.slice(0, -2) + (cursor.endsWith('AA') ? 'BB' : 'AA');

      for (const bad of ['garbage', '', 'eyJ1c2VySWQiOiJ4In0', '%%%', tampered]) {
        const page = await ctx.repository.findByEmail(email, { limit: 1, cursor: bad });
        expect(!page.ok && page.error).toBeInstanceOf(InvalidCursorError);
      }
    });

    it("refuses a list cursor, and another email's lookup cursor: a cursor continues only its own walk", async () => {
      const email = emailOfTest();
      await ctx.store(...Array.from({ length: 3 }, () => UserProfileMother.create({ email })));
      const lookupCursor = await secondPageCursor(email);
      const list = await ctx.repository.list({ limit: 1 });
      const listCursor = list.ok ? list.value.nextCursor : null;
      expect(listCursor).not.toBeNull();

      const withListCursor = await ctx.repository.findByEmail(email, { limit: 1, cursor: listCursor! });
      const otherEmail = await ctx.repository.findByEmail(emailOfTest(), { limit: 1, cursor: lookupCursor });
      const lookupCursorInList = await ctx.repository.list({ limit: 1, cursor: lookupCursor });

      expect(!withListCursor.ok && withListCursor.error).toBeInstanceOf(InvalidCursorError);
      expect(!otherEmail.ok && otherEmail.error).toBeInstanceOf(InvalidCursorError);
      expect(!lookupCursorInList.ok && lookupCursorInList.error).toBeInstanceOf(InvalidCursorError);
    });

    it('never shows the email in its cursor', async () => {
      const email = emailOfTest();
      await ctx.store(...Array.from({ length: 2 }, () => UserProfileMother.create({ email })));

      const cursor = await secondPageCursor(email);

      const decodedParts = cursor.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1'));
      expect([cursor, ...decodedParts].join(' ')).not.toContain(email.split('@')[0]);
    });
  });
}
