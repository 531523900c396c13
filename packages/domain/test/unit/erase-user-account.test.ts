import {
  AccessDeniedError,
  EraseUserAccount,
  ProfileNotFoundError,
  StoreUnavailableError,
  type Actor,
} from '../../src';
import {
  FixedClock,
  InMemoryAccountDirectory,
  InMemoryIdempotencyStore,
  InMemoryUserProfileRepository,
  RecordingEventPublisher,
  UserProfileMother,
} from '@userprofile/testing';

const ada: Actor = { userId: 'ada', isAdmin: false, verifiedEmail: 'ada@example.com' };
const mallory: Actor = { userId: 'mallory', isAdmin: false };
const admin: Actor = { userId: 'root', isAdmin: true };
const T0 = new Date('2026-11-24T10:00:00.000Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('EraseUserAccount', () => {
  let profiles: InMemoryUserProfileRepository;
  let storedResponses: InMemoryIdempotencyStore;
  let accounts: InMemoryAccountDirectory;
  let bus: RecordingEventPublisher;
  let erase: EraseUserAccount;

  /** A completed keyed request in `scope` whose stored response is about `subject`. */
  const aStoredResponse = async (scope: string, key: string, subject: string, outcome: string) => {
    await storedResponses.claim({ scope, key }, 'fp', T0, later(30));
    await storedResponses.complete({ scope, key }, 'fp', { outcome, expiresAt: later(86_400), subject });
  };

  beforeEach(async () => {
    // Prepare: Ada signed up, has a profile, two stored responses of her own, one an admin's about
    // her, and Grace's account and data stay untouched throughout.
    profiles = new InMemoryUserProfileRepository();
    storedResponses = new InMemoryIdempotencyStore();
    accounts = new InMemoryAccountDirectory(['ada', 'grace']);
    bus = new RecordingEventPublisher();
    erase = new EraseUserAccount(profiles, storedResponses, accounts, bus, new FixedClock(T0));
    await profiles.create(UserProfileMother.create({ userId: 'ada' }));
    await profiles.create(UserProfileMother.create({ userId: 'grace' }));
    await aStoredResponse('ada', 'create', 'ada', '{"ada":"created"}');
    await aStoredResponse('ada', 'rename', 'ada', '{"ada":"renamed"}');
    await aStoredResponse('root', 'admin-fix', 'ada', '{"ada":"fixed by an admin"}');
    await aStoredResponse('root', 'admin-other', 'grace', '{"grace":"fixed by an admin"}');
  });

  const expectAdaErased = async () => {
    expect(await profiles.get('ada')).toBeUndefined();
    expect(storedResponses.storedOutcomes()).toEqual(['{"grace":"fixed by an admin"}']);
    expect(await accounts.hasAccount('ada')).toBe(false);
    expect(bus.published.map((event) => event.type)).toContain('UserAccountErased');
    expect(bus.published.at(-1)).toEqual({
      type: 'UserAccountErased',
      detail: { eventId: 'erased:ada', userId: 'ada', occurredAt: T0.toISOString() },
    });
    expect(await profiles.get('grace')).toBeDefined();
    expect(await accounts.hasAccount('grace')).toBe(true);
  };

  it("erases the owner's profile, stored responses (an admin's about her too) and account, then says so", async () => {
    // Act
    const result = await erase.execute(ada, { userId: 'ada' });

    // Assess
    expect(result.ok).toBe(true);
    await expectAdaErased();
    expect(bus.published).toHaveLength(1);
  });

  it("lets an administrator erase anyone's account", async () => {
    // Act
    const result = await erase.execute(admin, { userId: 'ada' });

    // Assess
    expect(result.ok).toBe(true);
    await expectAdaErased();
  });

  it('succeeds again on a repeat, with nothing left to erase, and announces the same event id', async () => {
    // Prepare
    await erase.execute(ada, { userId: 'ada' });

    // Act
    const repeat = await erase.execute(ada, { userId: 'ada' });

    // Assess
    expect(repeat.ok).toBe(true);
    expect(new Set(bus.published.map((event) => event.detail.eventId))).toEqual(new Set(['erased:ada']));
  });

  it("refuses a non-admin someone else's account and erases nothing", async () => {
    // Act
    const result = await erase.execute(mallory, { userId: 'ada' });

    // Assess
    expect(!result.ok && result.error).toBeInstanceOf(AccessDeniedError);
    expect(await profiles.get('ada')).toBeDefined();
    expect(storedResponses.storedOutcomes()).toHaveLength(4);
    expect(await accounts.hasAccount('ada')).toBe(true);
    expect(bus.published).toEqual([]);
  });

  it('reports an id no account could have as not found, without asking the pool', async () => {
    // Prepare
    const deleteAccount = jest.spyOn(accounts, 'deleteAccount');

    // Act
    const result = await erase.execute(admin, { userId: 'x'.repeat(2048) });

    // Assess
    expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
    expect(deleteAccount).not.toHaveBeenCalled();
  });

  const unavailable = () => new StoreUnavailableError(1);
  const FAULTS: ReadonlyArray<readonly [string, () => void, () => Promise<void>]> = [
    [
      'forgetting the stored responses',
      () => storedResponses.failNext(unavailable()),
      async () => expect(await profiles.get('ada')).toBeDefined(),
    ],
    [
      'deleting the profile',
      () => jest.spyOn(profiles, 'delete').mockRejectedValueOnce(unavailable()),
      async () => {
        expect(storedResponses.storedOutcomes()).toEqual(['{"grace":"fixed by an admin"}']);
        expect(await profiles.get('ada')).toBeDefined();
      },
    ],
    [
      'deleting the account',
      () => accounts.failNext(unavailable()),
      async () => {
        expect(await profiles.get('ada')).toBeUndefined();
        expect(await accounts.hasAccount('ada')).toBe(true);
      },
    ],
    [
      'publishing the event',
      () => bus.refuseNext(),
      async () => {
        expect(await accounts.hasAccount('ada')).toBe(false);
        expect(bus.published).toEqual([]);
      },
    ],
  ];

  it.each(FAULTS)(
    'a fault in %s is thrown (503), leaves the steps before it done, and a retry finishes',
    async (_step, injectFault, assessPartialState) => {
      // Prepare
      injectFault();

      // Act
      const failed = erase.execute(ada, { userId: 'ada' });

      // Assess
      await expect(failed).rejects.toBeInstanceOf(StoreUnavailableError);
      await assessPartialState();
      expect(bus.published).toEqual([]);

      // Act: the client's retry
      const retried = await erase.execute(ada, { userId: 'ada' });

      // Assess
      expect(retried.ok).toBe(true);
      await expectAdaErased();
    },
  );
});
