import {
  AccessDeniedError,
  CreateUserProfile,
  EmailNotVerifiedForCallerError,
  DeleteUserProfile,
  EmptyChangeSetError,
  FindUserProfilesByEmail,
  GetUserProfile,
  InvalidCursorError,
  InvalidPageSizeError,
  ListUserProfiles,
  ProfileAlreadyExistsError,
  ProfileNotFoundError,
  ProfileValidationError,
  StaleVersionError,
  UpdateUserProfile,
  type Actor,
  type UserProfile,
} from '../../src';
import {
  FixedClock,
  InMemoryIdempotencyStore,
  InMemoryUserProfileRepository,
  StaticConfigProvider,
  UserProfileMother,
} from '@userprofile/testing';

const alice: Actor = { userId: 'alice', isAdmin: false, verifiedEmail: 'ada@example.com' };
const mallory: Actor = { userId: 'mallory', isAdmin: false };
const admin: Actor = { userId: 'root', isAdmin: true };

let repository: InMemoryUserProfileRepository;
let clock: FixedClock;

beforeEach(() => {
  repository = new InMemoryUserProfileRepository();
  clock = new FixedClock();
});

async function given(profile: UserProfile): Promise<UserProfile> {
  await repository.create(profile);
  return profile;
}

const validFields = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' };

describe('CreateUserProfile', () => {
  const useCase = () => new CreateUserProfile(repository, clock);

  it("creates the caller's own profile under the caller's id, stamped by the clock", async () => {
    const result = await useCase().execute(alice, validFields);

    expect(result.ok && result.value.toPrimitives()).toMatchObject({
      userId: 'alice',
      version: 1,
      createdAt: clock.now().toISOString(),
    });
    expect(repository.snapshot()).toHaveLength(1);
  });

  it('lets a non-admin name their own id explicitly', async () => {
    const result = await useCase().execute(alice, { ...validFields, userId: 'alice' });
    expect(result.ok).toBe(true);
  });

  it.each([
    {
      refused: "a non-admin creating someone else's profile",
      actor: mallory,
      command: { ...validFields, userId: 'alice' },
      error: AccessDeniedError,
    },
    {
      refused: 'invalid fields',
      actor: alice,
      command: { ...validFields, email: 'nope' },
      error: ProfileValidationError,
    },
  ])('refuses $refused and stores nothing', async ({ actor, command, error }) => {
    const result = await useCase().execute(actor, command);

    expect(!result.ok && result.error).toBeInstanceOf(error);
    expect(repository.snapshot()).toEqual([]);
  });

  it("lets an admin create someone else's profile", async () => {
    const result = await useCase().execute(admin, { ...validFields, userId: 'alice' });
    expect(result.ok && result.value.userId).toBe('alice');
  });

  it('refuses an admin-given id that breaks the id rules', async () => {
    const result = await useCase().execute(admin, { ...validFields, userId: 'me' });
    expect(!result.ok && result.error).toBeInstanceOf(ProfileValidationError);
  });

  it('reports an existing profile as already existing and keeps it', async () => {
    const existing = await given(UserProfileMother.create({ userId: 'alice' }));

    const result = await useCase().execute(alice, validFields);

    expect(!result.ok && result.error).toBeInstanceOf(ProfileAlreadyExistsError);
    expect(repository.snapshot()).toEqual([existing.toPrimitives()]);
  });
});

describe('emails tied to the caller (CreateUserProfile, UpdateUserProfile)', () => {
  const create = () => new CreateUserProfile(repository, clock);
  const update = () => new UpdateUserProfile(repository, clock);

  it('lets a non-admin create with their verified email, whatever its case or spacing', async () => {
    const result = await create().execute(alice, { ...validFields, email: '  ADA@Example.com ' });
    expect(result.ok && result.value.email).toBe('ada@example.com');
  });

  it.each<[string, Actor]>([
    ['someone else’s email', { userId: 'alice', isAdmin: false, verifiedEmail: 'alice@example.com' }],
    ['no verified email', { userId: 'alice', isAdmin: false }],
    ['a verified claim that is not an email', { userId: 'alice', isAdmin: false, verifiedEmail: 'not an email' }],
  ])('refuses a non-admin creating with %s, and stores nothing', async (_case, caller) => {
    const result = await create().execute(caller, validFields);

    expect(!result.ok && result.error).toBeInstanceOf(EmailNotVerifiedForCallerError);
    expect(!result.ok && result.error.code).toBe('email_not_verified_for_caller');
    expect(repository.snapshot()).toEqual([]);
  });

  it('reports a badly formed email as a validation error, not as someone else’s', async () => {
    const result = await create().execute(alice, { ...validFields, email: 'nope' });
    expect(!result.ok && result.error).toBeInstanceOf(ProfileValidationError);
  });

  it('lets an admin create any profile, their own included, with any email', async () => {
    expect((await create().execute(admin, { ...validFields, userId: 'alice' })).ok).toBe(true);
    expect((await create().execute(admin, validFields)).ok).toBe(true);
  });

  it('refuses a non-admin changing their email to one that is not their verified one, and keeps the profile', async () => {
    const existing = await given(UserProfileMother.create({ userId: 'alice', email: 'ada@example.com' }));

    const result = await update().execute(alice, { userId: 'alice', changes: { email: 'eve@example.com' } });

    expect(!result.ok && result.error).toBeInstanceOf(EmailNotVerifiedForCallerError);
    expect(repository.snapshot()).toEqual([existing.toPrimitives()]);
  });

  it('lets a non-admin change their email to their verified one, and leave it out', async () => {
    await given(UserProfileMother.create({ userId: 'alice', email: 'old@example.com' }));

    const changed = await update().execute(alice, { userId: 'alice', changes: { email: 'Ada@Example.com' } });
    const renamed = await update().execute(
      { userId: 'alice', isAdmin: false },
      { userId: 'alice', changes: { firstName: 'Augusta' } },
    );

    expect(changed.ok && changed.value.email).toBe('ada@example.com');
    expect(renamed.ok && renamed.value.toPrimitives().firstName).toBe('Augusta');
  });

  it("lets an admin set any email on someone else's profile", async () => {
    await given(UserProfileMother.create({ userId: 'alice' }));
    const result = await update().execute(admin, { userId: 'alice', changes: { email: 'eve@example.com' } });
    expect(result.ok && result.value.email).toBe('eve@example.com');
  });
});

describe('GetUserProfile', () => {
  const useCase = () => new GetUserProfile(repository);

  it('returns the owner their profile', async () => {
    const profile = await given(UserProfileMother.create({ userId: 'alice' }));
    const result = await useCase().execute(alice, 'alice');
    expect(result.ok && result.value.toPrimitives()).toEqual(profile.toPrimitives());
  });

  it('returns an admin anyone’s profile', async () => {
    await given(UserProfileMother.create({ userId: 'alice' }));
    expect((await useCase().execute(admin, 'alice')).ok).toBe(true);
  });

  it("refuses a non-admin someone else's profile, whether or not it exists", async () => {
    await given(UserProfileMother.create({ userId: 'alice' }));
    const existing = await useCase().execute(mallory, 'alice');
    const missing = await useCase().execute(mallory, 'nobody');
    expect(!existing.ok && existing.error).toBeInstanceOf(AccessDeniedError);
    expect(!missing.ok && missing.error).toBeInstanceOf(AccessDeniedError);
  });

  it('reports a missing profile as not found', async () => {
    const result = await useCase().execute(alice, 'alice');
    expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
  });

  it('reports an id no profile could have as not found, without asking the store', async () => {
    const get = jest.spyOn(repository, 'get');
    for (const impossible of ['x'.repeat(2048), 'a/b', '']) {
      const result = await useCase().execute(admin, impossible);
      expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
    }
    expect(get).not.toHaveBeenCalled();
  });
});

describe('UpdateUserProfile', () => {
  const useCase = () => new UpdateUserProfile(repository, clock);

  it('applies the changes, bumps the version and stores the result', async () => {
    await given(UserProfileMother.create({ userId: 'alice', phoneNumber: '+447700900123' }, clock.now()));
    clock.advance(60_000);

    const result = await useCase().execute(alice, {
      userId: 'alice',
      changes: { phoneNumber: null, firstName: 'Augusta' },
    });

    expect(result.ok && result.value.toPrimitives()).toMatchObject({
      firstName: 'Augusta',
      phoneNumber: null,
      version: 2,
      updatedAt: clock.now().toISOString(),
    });
    expect(repository.snapshot()[0]).toEqual(result.ok && result.value.toPrimitives());
  });

  it('honours a matching expected version', async () => {
    const profile = await given(UserProfileMother.create({ userId: 'alice' }));
    const result = await useCase().execute(alice, {
      userId: 'alice',
      changes: { lastName: 'King' },
      expectedRevision: profile.revision,
    });
    expect(result.ok && result.value.version).toBe(2);
  });

  it('refuses a stale expected version and changes nothing', async () => {
    const profile = await given(UserProfileMother.create({ userId: 'alice' }));

    const result = await useCase().execute(alice, {
      userId: 'alice',
      changes: { lastName: 'King' },
      expectedRevision: { ...profile.revision, version: 7 },
    });

    expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
    expect(repository.snapshot()).toEqual([profile.toPrimitives()]);
  });

  it('reports an id no profile could have as not found, without asking the store', async () => {
    const applyChange = jest.spyOn(repository, 'applyChange');
    const result = await useCase().execute(admin, { userId: 'x'.repeat(2048), changes: { firstName: 'Ada' } });
    expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
    expect(applyChange).not.toHaveBeenCalled();
  });

  it('decides the change before asking the store: invalid values are refused without a store call', async () => {
    const applyChange = jest.spyOn(repository, 'applyChange');
    const result = await useCase().execute(alice, { userId: 'alice', changes: { email: 'broken' } });
    expect(!result.ok && result.error).toBeInstanceOf(ProfileValidationError);
    expect(applyChange).not.toHaveBeenCalled();
  });

  it('asks the store once, and reads nothing first', async () => {
    await given(UserProfileMother.create({ userId: 'alice' }));
    const get = jest.spyOn(repository, 'get');
    const applyChange = jest.spyOn(repository, 'applyChange');

    const result = await useCase().execute(alice, { userId: 'alice', changes: { firstName: 'Ada' } });

    expect(result.ok).toBe(true);
    expect([get.mock.calls.length, applyChange.mock.calls.length]).toEqual([0, 1]);
  });

  it('never creates: a missing profile is not found and stays missing', async () => {
    const result = await useCase().execute(alice, { userId: 'alice', changes: { lastName: 'King' } });

    expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
    expect(repository.snapshot()).toEqual([]);
  });

  it('refuses an empty change set', async () => {
    await given(UserProfileMother.create({ userId: 'alice' }));
    const result = await useCase().execute(alice, { userId: 'alice', changes: {} });
    expect(!result.ok && result.error).toBeInstanceOf(EmptyChangeSetError);
  });

  it('refuses invalid values and changes nothing', async () => {
    const profile = await given(UserProfileMother.create({ userId: 'alice' }));

    const result = await useCase().execute(alice, { userId: 'alice', changes: { email: 'broken' } });

    expect(!result.ok && result.error).toBeInstanceOf(ProfileValidationError);
    expect(repository.snapshot()).toEqual([profile.toPrimitives()]);
  });

  it("refuses a non-admin someone else's profile and changes nothing", async () => {
    const profile = await given(UserProfileMother.create({ userId: 'alice' }));

    const result = await useCase().execute(mallory, { userId: 'alice', changes: { firstName: 'Pwned' } });

    expect(!result.ok && result.error).toBeInstanceOf(AccessDeniedError);
    expect(repository.snapshot()).toEqual([profile.toPrimitives()]);
  });

  it("lets an admin change anyone's profile", async () => {
    await given(UserProfileMother.create({ userId: 'alice' }));
    const result = await useCase().execute(admin, { userId: 'alice', changes: { firstName: 'Ada' } });
    expect(result.ok).toBe(true);
  });

  it('without an expected version, loses no concurrent update: each lands on top of the last', async () => {
    await given(UserProfileMother.create({ userId: 'alice' }));

    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        useCase().execute(alice, { userId: 'alice', changes: { firstName: `W${i}` } }),
      ),
    );

    expect(results.every((r) => r.ok)).toBe(true);
    expect(repository.snapshot()[0]?.version).toBe(5);
  });

  it('refuses the revision of a deleted profile after the id was created again (no ABA)', async () => {
    // Prepare: the client read a profile that was then deleted and created again at version 1.
    const old = await given(UserProfileMother.create({ userId: 'alice' }));
    await repository.delete('alice');
    const reborn = await given(UserProfileMother.create({ userId: 'alice' }));

    // Act
    const result = await useCase().execute(alice, {
      userId: 'alice',
      changes: { lastName: 'Old' },
      expectedRevision: old.revision,
    });

    // Assess
    expect(reborn.version).toBe(old.version);
    expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
    expect(repository.snapshot()).toEqual([reborn.toPrimitives()]);
  });

  it('with the same expected version, lets exactly one of concurrent updates win', async () => {
    const profile = await given(UserProfileMother.create({ userId: 'alice' }));

    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        useCase().execute(alice, {
          userId: 'alice',
          changes: { firstName: `W${i}` },
          expectedRevision: profile.revision,
        }),
      ),
    );

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error instanceof StaleVersionError)).toHaveLength(3);
    expect(repository.snapshot()[0]?.version).toBe(2);
  });
});

describe('DeleteUserProfile', () => {
  let storedResponses: InMemoryIdempotencyStore;
  beforeEach(() => {
    storedResponses = new InMemoryIdempotencyStore();
  });
  const useCase = () => new DeleteUserProfile(repository, storedResponses);

  /** A completed keyed request in `scope` whose stored response carries `subject`'s profile. */
  const aStoredResponse = async (scope: string, subject: string) => {
    const key = { scope, key: `k-${subject}` };
    const at = new Date('2026-11-24T10:00:00.000Z');
    await storedResponses.claim(key, 'fp', at, new Date(at.getTime() + 30_000));
    await storedResponses.complete(key, 'fp', {
      outcome: `{"profile":"${subject}"}`,
      expiresAt: new Date(at.getTime() + 86_400_000),
      subject,
    });
  };

  it("forgets every stored response that carries the deleted profile, an admin's too, and no other", async () => {
    await given(UserProfileMother.create({ userId: 'alice' }));
    await aStoredResponse('alice', 'alice');
    await aStoredResponse('root', 'alice');
    await aStoredResponse('root', 'bob');

    expect((await useCase().execute(alice, { userId: 'alice' })).ok).toBe(true);

    expect(storedResponses.storedOutcomes()).toEqual(['{"profile":"bob"}']);
  });

  it('forgets them also when the profile was gone already (a retry finishes), but not on a stale version', async () => {
    const profile = await given(UserProfileMother.create({ userId: 'alice' }));
    await aStoredResponse('root', 'alice');
    await useCase().execute(admin, { userId: 'alice', expectedRevision: { ...profile.revision, version: 2 } });
    expect(storedResponses.storedOutcomes()).toHaveLength(1);
    await repository.delete('alice');

    const result = await useCase().execute(alice, { userId: 'alice' });

    expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
    expect(storedResponses.storedOutcomes()).toEqual([]);
  });

  it('deletes the owner’s profile', async () => {
    await given(UserProfileMother.create({ userId: 'alice' }));
    expect((await useCase().execute(alice, { userId: 'alice' })).ok).toBe(true);
    expect(repository.snapshot()).toEqual([]);
  });

  it("lets an admin delete anyone's profile, honouring the expected version", async () => {
    const profile = await given(UserProfileMother.create({ userId: 'alice' }));
    expect((await useCase().execute(admin, { userId: 'alice', expectedRevision: profile.revision })).ok).toBe(true);
  });

  it('refuses a stale expected version and keeps the profile', async () => {
    const profile = await given(UserProfileMother.create({ userId: 'alice' }));
    const result = await useCase().execute(alice, {
      userId: 'alice',
      expectedRevision: { ...profile.revision, version: 2 },
    });
    expect(!result.ok && result.error).toBeInstanceOf(StaleVersionError);
    expect(repository.snapshot()).toEqual([profile.toPrimitives()]);
  });

  it('reports an id no profile could have as not found, without asking the store', async () => {
    const remove = jest.spyOn(repository, 'delete');
    const result = await useCase().execute(admin, { userId: 'x'.repeat(2048) });
    expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
    expect(remove).not.toHaveBeenCalled();
  });

  it('reports a missing profile as not found', async () => {
    const result = await useCase().execute(alice, { userId: 'alice' });
    expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
  });

  it("refuses a non-admin someone else's profile and keeps it", async () => {
    await given(UserProfileMother.create({ userId: 'alice' }));
    const result = await useCase().execute(mallory, { userId: 'alice' });
    expect(!result.ok && result.error).toBeInstanceOf(AccessDeniedError);
    expect(repository.snapshot()).toHaveLength(1);
  });
});

describe('ListUserProfiles', () => {
  const useCase = (settings = {}) => new ListUserProfiles(repository, new StaticConfigProvider(settings));

  it('gives an admin pages of the configured default size', async () => {
    for (let i = 0; i < 5; i++) await given(UserProfileMother.create());

    const result = await useCase({ defaultPageSize: 2 }).execute(admin, {});

    expect(result.ok && result.value.items).toHaveLength(2);
    expect(result.ok && result.value.nextCursor).toEqual(expect.any(String));
  });

  it('follows the cursor to the next page', async () => {
    for (let i = 0; i < 3; i++) await given(UserProfileMother.create());
    const first = await useCase().execute(admin, { limit: 2 });
    const cursor = first.ok ? first.value.nextCursor! : '';

    const second = await useCase().execute(admin, { limit: 2, cursor });

    expect(second.ok && second.value.items).toHaveLength(1);
    expect(second.ok && second.value.nextCursor).toBeNull();
  });

  it('refuses a non-admin', async () => {
    const result = await useCase().execute(alice, {});
    expect(!result.ok && result.error).toBeInstanceOf(AccessDeniedError);
  });

  it.each([0, -1, 101, 2.5, Number.NaN])('refuses limit %p outside 1..max', async (limit) => {
    const result = await useCase({ maxPageSize: 100 }).execute(admin, { limit });
    expect(!result.ok && result.error).toBeInstanceOf(InvalidPageSizeError);
  });

  it('accepts the configured maximum', async () => {
    expect((await useCase({ maxPageSize: 50 }).execute(admin, { limit: 50 })).ok).toBe(true);
  });

  it('reports a cursor it did not issue', async () => {
    const result = await useCase().execute(admin, { cursor: 'forged' });
    expect(!result.ok && result.error).toBeInstanceOf(InvalidCursorError);
  });
});

describe('FindUserProfilesByEmail', () => {
  const useCase = (settings = {}) => new FindUserProfilesByEmail(repository, new StaticConfigProvider(settings));

  it('finds profiles by email, whatever its case and surrounding spaces', async () => {
    const profile = await given(UserProfileMother.create({ email: 'ada@example.com' }));
    const result = await useCase().execute(admin, { email: '  ADA@Example.com ' });
    expect(result.ok && result.value.items.map((p) => p.userId)).toEqual([profile.userId]);
    expect(result.ok && result.value.nextCursor).toBeNull();
  });

  it('returns an empty last page for an unknown email', async () => {
    const result = await useCase().execute(admin, { email: 'nobody@example.com' });
    expect(result.ok && result.value).toEqual({ items: [], nextCursor: null });
  });

  it('answers a page of the configured default size, and its cursor leads to the rest', async () => {
    for (let i = 0; i < 3; i++) await given(UserProfileMother.create({ email: 'shared@example.com' }));

    const first = await useCase({ defaultPageSize: 2 }).execute(admin, { email: 'shared@example.com' });
    const cursor = first.ok ? first.value.nextCursor : null;
    const second = await useCase({ defaultPageSize: 2 }).execute(admin, {
      email: 'shared@example.com',
      cursor: cursor!,
    });

    expect(first.ok && first.value.items).toHaveLength(2);
    expect(cursor).toEqual(expect.any(String));
    expect(second.ok && second.value.items).toHaveLength(1);
    expect(second.ok && second.value.nextCursor).toBeNull();
  });

  it.each([0, -1, 101, 2.5])('refuses limit %p outside 1..max', async (limit) => {
    const result = await useCase({ maxPageSize: 100 }).execute(admin, { email: 'ada@example.com', limit });
    expect(!result.ok && result.error).toBeInstanceOf(InvalidPageSizeError);
  });

  it("refuses a cursor of another email's lookup", async () => {
    for (let i = 0; i < 2; i++) await given(UserProfileMother.create({ email: 'shared@example.com' }));
    const first = await useCase().execute(admin, { email: 'shared@example.com', limit: 1 });
    const cursor = first.ok ? first.value.nextCursor! : '';

    const other = await useCase().execute(admin, { email: 'other@example.com', limit: 1, cursor });

    expect(!other.ok && other.error).toBeInstanceOf(InvalidCursorError);
  });

  it('refuses a non-admin', async () => {
    const result = await useCase().execute(alice, { email: 'ada@example.com' });
    expect(!result.ok && result.error).toBeInstanceOf(AccessDeniedError);
  });

  it('refuses something that is not an email', async () => {
    const result = await useCase().execute(admin, { email: 'not an email' });
    expect(!result.ok && result.error).toBeInstanceOf(ProfileValidationError);
  });
});
