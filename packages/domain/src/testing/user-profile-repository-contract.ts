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

/** What a store can do beyond the port, for the parts of the contract that need it. */
export interface RepositoryContractOptions {
  /**
   * Stores, in the store the last factory call made, an item in a shape an older writer left
   * (served as version 1 of the `legacy` incarnation) and returns its id. Omitted for a store
   * that can hold no such item (the in-memory one); the legacy part of the contract then
   * does not apply to it.
   */
  readonly storeLegacyItem?: () => Promise<string>;
}

/**
 * The behaviour every `UserProfileRepository` must have. Each adapter's test file calls this
 * with a factory for a fresh, empty repository; the same assertions then hold for all.
 */
export function describeUserProfileRepositoryContract(
  adapterName: string,
  makeRepository: RepositoryFactory,
  options: RepositoryContractOptions = {},
): void {
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

    describe('applyChange', () => {
      it('applies the change when the expected revision matches and returns what it stored', async () => {
        const profile = UserProfileMother.create();
        await store(profile);
        const change = UserProfileMother.change(profile.userId, { firstName: 'Grace', phoneNumber: null });

        const result = await repository.applyChange(change, profile.revision);

        const expected = profile.apply(change).toPrimitives();
        expect(result.ok && result.value.toPrimitives()).toEqual(expected);
        expect(await stored(profile.userId)).toEqual(expected);
      });

      it('applies the change when no revision is expected, keeping the fields it does not name', async () => {
        const profile = UserProfileMother.create({ phoneNumber: '+447700900123' });
        await store(profile);
        const change = UserProfileMother.change(profile.userId, { email: 'new@example.com' });

        const result = await repository.applyChange(change);

        expect(result.ok && result.value.toPrimitives()).toEqual({
          ...profile.toPrimitives(),
          email: 'new@example.com',
          updatedAt: change.updatedAt.toISOString(),
          version: profile.version + 1,
        });
        expect(await stored(profile.userId)).toEqual(result.ok && result.value.toPrimitives());
      });

      it('refuses a stale expected version and changes nothing', async () => {
        const profile = UserProfileMother.create();
        await store(profile);
        const change = UserProfileMother.change(profile.userId, { lastName: 'Hopper' });

        const result = await repository.applyChange(change, { ...profile.revision, version: profile.version + 1 });

        expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
        expect(await stored(profile.userId)).toEqual(profile.toPrimitives());
      });

      it('never creates: changing a missing profile is not found, and it stays missing', async () => {
        const ghost = UserProfileMother.create();
        const change = UserProfileMother.change(ghost.userId, { firstName: 'Ghost' });

        const withVersion = await repository.applyChange(change, ghost.revision);
        const withoutVersion = await repository.applyChange(change);

        expect(!withVersion.ok && withVersion.error).toBeInstanceOf(ProfileNotFoundError);
        expect(!withoutVersion.ok && withoutVersion.error).toBeInstanceOf(ProfileNotFoundError);
        expect(await repository.get(ghost.userId)).toBeUndefined();
      });

      it('refuses the revision of a deleted profile once the id is created again (no ABA), and keeps the new one', async () => {
        // Prepare: read, then the profile is deleted and created again (versions restart at 1).
        const read = UserProfileMother.create();
        await store(read);
        await repository.delete(read.userId);
        const reborn = UserProfileMother.create({ userId: read.userId });
        await store(reborn);

        // Act: the change conditioned on what was read lands after the re-create.
        const result = await repository.applyChange(
          UserProfileMother.change(read.userId, { firstName: 'Resurrected' }),
          read.revision,
        );

        // Assess: same id and version, another incarnation: stale, and the new profile is intact.
        expect(reborn.version).toBe(read.version);
        expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
        expect(await stored(read.userId)).toEqual(reborn.toPrimitives());
      });

      it('lets exactly one of many concurrent changes from the same version succeed', async () => {
        const profile = UserProfileMother.create();
        await store(profile);

        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            repository.applyChange(
              UserProfileMother.change(profile.userId, { firstName: `Writer${i}` }),
              profile.revision,
            ),
          ),
        );

        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok && r.error instanceof StaleVersionError)).toHaveLength(7);
        expect((await repository.get(profile.userId))?.version).toBe(profile.version + 1);
      });

      it('applies every one of many concurrent changes without an expected version, each on top of the last', async () => {
        const profile = UserProfileMother.create();
        await store(profile);

        const results = await Promise.all(
          Array.from({ length: 16 }, (_, i) =>
            repository.applyChange(UserProfileMother.change(profile.userId, { firstName: `Writer${i}` })),
          ),
        );

        expect(results.filter((r) => !r.ok)).toEqual([]);
        const versions = results.map((r) => r.ok && r.value.version).sort((a, b) => Number(a) - Number(b));
        expect(versions).toEqual(Array.from({ length: 16 }, (_, i) => profile.version + 1 + i));
        const last = results.find((r) => r.ok && r.value.version === profile.version + 16);
        expect(await stored(profile.userId)).toEqual(last?.ok && last.value.toPrimitives());
      });
    });

    const { storeLegacyItem } = options;
    if (storeLegacyItem) {
      describe('applyChange on a profile stored in an older shape', () => {
        const servedLegacy = async () => {
          const userId = await storeLegacyItem();
          const served = await repository.get(userId);
          if (!served) throw new Error(`the legacy item ${userId} was not served`);
          expect(served.revision).toEqual({ version: 1, incarnation: 'legacy' });
          return served;
        };

        it('applies a change at the revision it was served with and stores the current shape', async () => {
          const served = await servedLegacy();
          const change = UserProfileMother.change(served.userId, { firstName: 'Augusta' });

          const result = await repository.applyChange(change, served.revision);

          const expected = served.apply(change).toPrimitives();
          expect(result.ok && result.value.toPrimitives()).toEqual(expected);
          expect(await stored(served.userId)).toEqual(expected);
        });

        it('then applies the next change on top of the first, with or without its revision', async () => {
          const served = await servedLegacy();
          const first = await repository.applyChange(UserProfileMother.change(served.userId, { firstName: 'One' }));
          if (!first.ok) throw first.error;

          const second = await repository.applyChange(
            UserProfileMother.change(served.userId, { lastName: 'Two' }),
            first.value.revision,
          );
          const third = await repository.applyChange(UserProfileMother.change(served.userId, { phoneNumber: null }));

          expect(third.ok && third.value.toPrimitives()).toMatchObject({
            firstName: 'One',
            lastName: 'Two',
            version: 4,
          });
          expect(second.ok && second.value.version).toBe(3);
        });

        it('refuses a change at another revision and changes nothing', async () => {
          const served = await servedLegacy();

          const result = await repository.applyChange(UserProfileMother.change(served.userId, { firstName: 'Stale' }), {
            ...served.revision,
            version: 2,
          });

          expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
          expect(await stored(served.userId)).toEqual(served.toPrimitives());
        });

        it('applies every one of many concurrent changes without an expected version', async () => {
          const served = await servedLegacy();

          const results = await Promise.all(
            Array.from({ length: 8 }, (_, i) =>
              repository.applyChange(UserProfileMother.change(served.userId, { firstName: `Writer${i}` })),
            ),
          );

          expect(results.filter((r) => !r.ok)).toEqual([]);
          expect((await repository.get(served.userId))?.version).toBe(1 + 8);
        });

        it('lets exactly one of many concurrent changes at the served revision succeed', async () => {
          const served = await servedLegacy();

          const results = await Promise.all(
            Array.from({ length: 8 }, (_, i) =>
              repository.applyChange(
                UserProfileMother.change(served.userId, { firstName: `Writer${i}` }),
                served.revision,
              ),
            ),
          );

          expect(results.filter((r) => r.ok)).toHaveLength(1);
          expect((await repository.get(served.userId))?.version).toBe(2);
        });
      });
    }

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
        const moved = await repository.applyChange(
          UserProfileMother.change(profile.userId, { email: `moved-${profile.userId}@example.com` }),
          profile.revision,
        );
        if (!moved.ok) throw moved.error;

        expect(await idsFound(profile.email)).toEqual([]);
        const found = await repository.findByEmail(moved.value.email, FIRST_PAGE);
        expect(found.ok && found.value.items.map((p) => p.toPrimitives())).toEqual([moved.value.toPrimitives()]);

        await repository.delete(profile.userId);
        expect(await idsFound(moved.value.email)).toEqual([]);
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
