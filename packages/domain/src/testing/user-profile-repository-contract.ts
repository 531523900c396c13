import type { UserProfileRepository } from '../ports/user-profile-repository';
import {
  InvalidCursorError,
  ProfileAlreadyExistsError,
  ProfileNotFoundError,
  StaleVersionError,
} from '../user-profile/errors';
import type { UserProfile } from '../user-profile/user-profile';
import { UserProfileMother } from './user-profile-mother';

/** Makes a new, empty repository for one test. */
export type RepositoryFactory = () => UserProfileRepository | Promise<UserProfileRepository>;

/**
 * The behaviour every `UserProfileRepository` must have. Each adapter's test file calls this
 * with a factory for a fresh, empty repository; the same assertions then hold for all.
 */
export function describeUserProfileRepositoryContract(adapterName: string, makeRepository: RepositoryFactory): void {
  describe(`UserProfileRepository contract: ${adapterName}`, () => {
    let repository: UserProfileRepository;

    beforeEach(async () => {
      repository = await makeRepository();
    });

    const store = async (...profiles: UserProfile[]): Promise<void> => {
      for (const profile of profiles) {
        const created = await repository.create(profile);
        if (!created.ok) throw created.error;
      }
    };

    const stored = async (userId: string) => (await repository.get(userId))?.toPrimitives();

    async function walkAllPages(limit: number, betweenPages?: (pageNumber: number) => Promise<void>) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pageNumber = 1; pageNumber < 10_000; pageNumber++) {
        const page = await repository.list({ limit, ...(cursor !== undefined && { cursor }) });
        if (!page.ok) throw page.error;
        expect(page.value.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.value.items.map((p) => p.userId));
        if (page.value.nextCursor === null) return seen;
        cursor = page.value.nextCursor;
        await betweenPages?.(pageNumber);
      }
      throw new Error('paging never ended');
    }

    describe('get', () => {
      it('returns undefined for an id never stored', async () => {
        expect(await repository.get(UserProfileMother.userId())).toBeUndefined();
      });

      it('returns exactly what was created, field for field', async () => {
        const profile = UserProfileMother.create({ firstName: 'Émilie', lastName: '小林 誠', phoneNumber: null });
        await store(profile);
        expect(await stored(profile.userId)).toEqual(profile.toPrimitives());
      });
    });

    describe('create', () => {
      it('refuses an id that exists and keeps the first profile', async () => {
        const first = UserProfileMother.create();
        const second = UserProfileMother.create({ userId: first.userId, firstName: 'Other' });
        await store(first);

        const result = await repository.create(second);

        expect(result.ok).toBe(false);
        expect(!result.ok && result.error).toBeInstanceOf(ProfileAlreadyExistsError);
        expect(await stored(first.userId)).toEqual(first.toPrimitives());
      });

      it('lets exactly one of many concurrent creates of one id succeed', async () => {
        const userId = UserProfileMother.userId();
        const results = await Promise.all(
          Array.from({ length: 8 }, () => repository.create(UserProfileMother.create({ userId }))),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(1);
      });
    });

    describe('update', () => {
      it('replaces the profile when the expected revision matches', async () => {
        const profile = UserProfileMother.create();
        await store(profile);
        const next = UserProfileMother.changed(profile, { firstName: 'Grace', phoneNumber: null });

        const result = await repository.update(next, profile.revision);

        expect(result.ok).toBe(true);
        expect(await stored(profile.userId)).toEqual(next.toPrimitives());
      });

      it('replaces the profile when no version is expected', async () => {
        const profile = UserProfileMother.create();
        await store(profile);
        const next = UserProfileMother.changed(profile, { email: 'new@example.com' });

        expect((await repository.update(next)).ok).toBe(true);
        expect(await stored(profile.userId)).toEqual(next.toPrimitives());
      });

      it('refuses a stale expected version and changes nothing', async () => {
        const profile = UserProfileMother.create();
        await store(profile);
        const next = UserProfileMother.changed(profile, { lastName: 'Hopper' });

        const result = await repository.update(next, { ...profile.revision, version: profile.version + 1 });

        expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
        expect(await stored(profile.userId)).toEqual(profile.toPrimitives());
      });

      it('never creates: updating a missing profile is not found, and it stays missing', async () => {
        const ghost = UserProfileMother.changed(UserProfileMother.create(), { firstName: 'Ghost' });

        const withVersion = await repository.update(ghost, ghost.revision);
        const withoutVersion = await repository.update(ghost);

        expect(!withVersion.ok && withVersion.error).toBeInstanceOf(ProfileNotFoundError);
        expect(!withoutVersion.ok && withoutVersion.error).toBeInstanceOf(ProfileNotFoundError);
        expect(await repository.get(ghost.userId)).toBeUndefined();
      });

      it('refuses the revision of a deleted profile once the id is created again (no ABA), and keeps the new one', async () => {
        // Prepare: read, then the profile is deleted and created again (versions restart at 1).
        const read = UserProfileMother.create();
        await store(read);
        const fromTheOldLife = UserProfileMother.changed(read, { firstName: 'Resurrected' });
        await repository.delete(read.userId);
        const reborn = UserProfileMother.create({ userId: read.userId });
        await store(reborn);

        // Act: the write conditioned on what was read lands after the re-create.
        const result = await repository.update(fromTheOldLife, read.revision);

        // Assess: same id and version, another incarnation: stale, and the new profile is intact.
        expect(reborn.version).toBe(read.version);
        expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
        expect(await stored(read.userId)).toEqual(reborn.toPrimitives());
      });

      it('lets exactly one of many concurrent updates from the same version succeed', async () => {
        const profile = UserProfileMother.create();
        await store(profile);

        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            repository.update(UserProfileMother.changed(profile, { firstName: `Writer${i}` }), profile.revision),
          ),
        );

        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect((await repository.get(profile.userId))?.version).toBe(profile.version + 1);
      });
    });

    describe('delete', () => {
      it('removes the profile, with or without an expected version', async () => {
        const [a, b] = [UserProfileMother.create(), UserProfileMother.create()];
        await store(a, b);

        expect((await repository.delete(a.userId, a.revision)).ok).toBe(true);
        expect((await repository.delete(b.userId)).ok).toBe(true);

        expect(await repository.get(a.userId)).toBeUndefined();
        expect(await repository.get(b.userId)).toBeUndefined();
      });

      it('refuses a stale expected version and keeps the profile', async () => {
        const profile = UserProfileMother.create();
        await store(profile);

        const result = await repository.delete(profile.userId, { ...profile.revision, version: profile.version + 1 });

        expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
        expect(await stored(profile.userId)).toEqual(profile.toPrimitives());
      });

      it('refuses to delete a re-created profile with the revision of the deleted one (no ABA)', async () => {
        const old = UserProfileMother.create();
        await store(old);
        await repository.delete(old.userId);
        const reborn = UserProfileMother.create({ userId: old.userId });
        await store(reborn);

        const result = await repository.delete(old.userId, old.revision);

        expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
        expect(await stored(old.userId)).toEqual(reborn.toPrimitives());
      });

      it('reports a missing profile as not found', async () => {
        const result = await repository.delete(UserProfileMother.userId());
        expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
      });
    });

    describe('list', () => {
      it('returns an empty last page for an empty store', async () => {
        const page = await repository.list({ limit: 10 });
        expect(page.ok && page.value).toEqual({ items: [], nextCursor: null });
      });

      it('visits every profile exactly once across pages, then ends', async () => {
        const profiles = Array.from({ length: 23 }, () => UserProfileMother.create());
        await store(...profiles);

        const seen = await walkAllPages(5);

        expect([...seen].sort()).toEqual(profiles.map((p) => p.userId).sort());
      });

      it('ends, with nothing twice, when the last page is exactly full', async () => {
        await store(...Array.from({ length: 6 }, () => UserProfileMother.create()));
        const seen = await walkAllPages(3);
        expect(seen).toHaveLength(6);
        expect(new Set(seen).size).toBe(6);
      });

      it('stays stable while profiles are added and removed during the walk', async () => {
        const profiles = Array.from({ length: 30 }, () => UserProfileMother.create());
        await store(...profiles);
        const removed = new Set<string>();
        const added: string[] = [];

        const seen = await walkAllPages(7, async (pageNumber) => {
          if (pageNumber > 2) return;
          const victims = profiles.filter((p) => !removed.has(p.userId)).slice(pageNumber * 4, pageNumber * 4 + 2);
          for (const victim of victims) {
            await repository.delete(victim.userId);
            removed.add(victim.userId);
          }
          const newcomer = UserProfileMother.create();
          await store(newcomer);
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
        await store(...Array.from({ length: 3 }, () => UserProfileMother.create()));
        for (const cursor of ['garbage', '', 'eyJ1c2VySWQiOiJ4In0', '%%%']) {
          const page = await repository.list({ limit: 2, cursor });
          expect(!page.ok && page.error).toBeInstanceOf(InvalidCursorError);
        }
      });

      it('refuses a cursor that was altered', async () => {
        await store(...Array.from({ length: 5 }, () => UserProfileMother.create()));
        const first = await repository.list({ limit: 2 });
        const cursor = first.ok ? first.value.nextCursor : null;
        expect(cursor).not.toBeNull();
        const tampered = cursor!.slice(0, -2) + (cursor!.endsWith('AA') ? 'BB' : 'AA');

        const page = await repository.list({ limit: 2, cursor: tampered });

        expect(!page.ok && page.error).toBeInstanceOf(InvalidCursorError);
      });
    });

    describe('findByEmail', () => {
      const FIRST_PAGE = { limit: 10 } as const;
      const emailOfTest = () => `shared-${UserProfileMother.userId()}@example.com`;

      /** Every page of one email's lookup, in order: each page's ids. */
      async function walkLookup(email: string, limit: number): Promise<string[][]> {
        const pages: string[][] = [];
        let cursor: string | undefined;
        for (let pageNumber = 1; pageNumber < 1_000; pageNumber++) {
          const page = await repository.findByEmail(email, { limit, ...(cursor !== undefined && { cursor }) });
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
        const page = await repository.findByEmail(email, FIRST_PAGE);
        if (!page.ok) throw page.error;
        return page.value.items.map((p) => p.userId);
      };

      it('finds every profile with the email and no other', async () => {
        const email = emailOfTest();
        const [a, b, other] = [
          UserProfileMother.create({ email }),
          UserProfileMother.create({ email }),
          UserProfileMother.create(),
        ];
        await store(a, b, other);

        const found = await repository.findByEmail(email, FIRST_PAGE);

        expect(found.ok && found.value.items.map((p) => p.userId).sort()).toEqual([a.userId, b.userId].sort());
        expect(found.ok && found.value.nextCursor).toBeNull();
      });

      it('follows an email change and forgets a deleted profile', async () => {
        const profile = UserProfileMother.create();
        await store(profile);
        const moved = UserProfileMother.changed(profile, { email: `moved-${profile.userId}@example.com` });
        await repository.update(moved, profile.revision);

        expect(await idsFound(profile.email)).toEqual([]);
        const found = await repository.findByEmail(moved.email, FIRST_PAGE);
        expect(found.ok && found.value.items.map((p) => p.toPrimitives())).toEqual([moved.toPrimitives()]);

        await repository.delete(profile.userId);
        expect(await idsFound(moved.email)).toEqual([]);
      });

      it('returns an empty last page for an unknown email', async () => {
        const found = await repository.findByEmail('nobody@example.com', FIRST_PAGE);
        expect(found.ok && found.value).toEqual({ items: [], nextCursor: null });
      });

      it('answers at most `limit` profiles a page and visits each one exactly once across pages', async () => {
        const email = emailOfTest();
        const sharing = Array.from({ length: 7 }, () => UserProfileMother.create({ email }));
        await store(...sharing, UserProfileMother.create(), UserProfileMother.create());

        const pages = await walkLookup(email, 3);

        expect(pages.length).toBeGreaterThanOrEqual(3);
        expect(pages.slice(0, 2).map((ids) => ids.length)).toEqual([3, 3]);
        expect(pages.flat().sort()).toEqual(sharing.map((p) => p.userId).sort());
      });

      it('ends, with nothing twice, when the last page is exactly full', async () => {
        const email = emailOfTest();
        await store(...Array.from({ length: 4 }, () => UserProfileMother.create({ email })));

        const seen = (await walkLookup(email, 2)).flat();

        expect(seen).toHaveLength(4);
        expect(new Set(seen).size).toBe(4);
      });

      it('refuses a cursor it did not issue, or one altered', async () => {
        const email = emailOfTest();
        await store(...Array.from({ length: 3 }, () => UserProfileMother.create({ email })));
        const first = await repository.findByEmail(email, { limit: 1 });
        const cursor = first.ok ? first.value.nextCursor : null;
        expect(cursor).not.toBeNull();
        const tampered = cursor!.slice(0, -2) + (cursor!.endsWith('AA') ? 'BB' : 'AA');

        for (const bad of ['garbage', '', 'eyJ1c2VySWQiOiJ4In0', '%%%', tampered]) {
          const page = await repository.findByEmail(email, { limit: 1, cursor: bad });
          expect(!page.ok && page.error).toBeInstanceOf(InvalidCursorError);
        }
      });

      it("refuses a list cursor, and another email's lookup cursor: a cursor continues only its own walk", async () => {
        const email = emailOfTest();
        await store(...Array.from({ length: 3 }, () => UserProfileMother.create({ email })));
        const lookup = await repository.findByEmail(email, { limit: 1 });
        const list = await repository.list({ limit: 1 });
        const lookupCursor = lookup.ok ? lookup.value.nextCursor : null;
        const listCursor = list.ok ? list.value.nextCursor : null;
        expect(lookupCursor).not.toBeNull();
        expect(listCursor).not.toBeNull();

        const withListCursor = await repository.findByEmail(email, { limit: 1, cursor: listCursor! });
        const otherEmail = await repository.findByEmail(emailOfTest(), { limit: 1, cursor: lookupCursor! });
        const lookupCursorInList = await repository.list({ limit: 1, cursor: lookupCursor! });

        expect(!withListCursor.ok && withListCursor.error).toBeInstanceOf(InvalidCursorError);
        expect(!otherEmail.ok && otherEmail.error).toBeInstanceOf(InvalidCursorError);
        expect(!lookupCursorInList.ok && lookupCursorInList.error).toBeInstanceOf(InvalidCursorError);
      });

      it('never shows the email in its cursor', async () => {
        const email = emailOfTest();
        await store(...Array.from({ length: 2 }, () => UserProfileMother.create({ email })));

        const page = await repository.findByEmail(email, { limit: 1 });
        const cursor = page.ok ? page.value.nextCursor : null;

        expect(cursor).not.toBeNull();
        const decodedParts = cursor!.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1'));
        expect([cursor, ...decodedParts].join(' ')).not.toContain(email.split('@')[0]);
      });
    });
  });
}
