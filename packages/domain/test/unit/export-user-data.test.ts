import {
  AccessDeniedError,
  ExportUserData,
  ProfileNotFoundError,
  type Actor,
  type AuditRecord,
  type IdempotencyKey,
} from '../../src';
import {
  FixedClock,
  InMemoryAuditTrail,
  InMemoryIdempotencyStore,
  InMemoryUserProfileRepository,
  UserProfileMother,
} from '@userprofile/testing';

const alice: Actor = { userId: 'alice', isAdmin: false };
const mallory: Actor = { userId: 'mallory', isAdmin: false };
const admin: Actor = { userId: 'root', isAdmin: true };
const DAY_MS = 86_400_000;

describe('ExportUserData', () => {
  let profiles: InMemoryUserProfileRepository;
  let idempotency: InMemoryIdempotencyStore;
  let audit: InMemoryAuditTrail;
  let clock: FixedClock;
  const useCase = () => new ExportUserData(profiles, idempotency, audit, clock);

  const anAuditRecord = (target: string, daysAgo: number, actor = 'root'): AuditRecord => ({
    time: new Date(clock.now().getTime() - daysAgo * DAY_MS).toISOString(),
    requestId: `req-${target}-${daysAgo}`,
    actor,
    actorIsAdmin: true,
    action: 'DELETE /users/{userId}',
    target,
  });

  const aCompletedKey = async (key: IdempotencyKey, outcome: string): Promise<void> => {
    await idempotency.claim(key, 'fp', clock.now(), new Date(clock.now().getTime() + 30_000));
    await idempotency.complete(key, 'fp', { outcome, expiresAt: new Date(clock.now().getTime() + DAY_MS) });
  };

  beforeEach(() => {
    profiles = new InMemoryUserProfileRepository();
    idempotency = new InMemoryIdempotencyStore();
    audit = new InMemoryAuditTrail({ windowDays: 90 });
    clock = new FixedClock();
  });

  it("gathers the owner's profile, stored responses and the audit records naming them, and nobody else's", async () => {
    // Prepare
    const profile = UserProfileMother.create({ userId: 'alice' });
    await profiles.create(profile);
    await aCompletedKey({ scope: 'alice', key: 'k1' }, '{"statusCode":201}');
    await aCompletedKey({ scope: 'mallory', key: 'k1' }, '{"statusCode":201,"mallory":true}');
    const byId = anAuditRecord('alice', 1);
    const byPseudonym = anAuditRecord('sha256:alice', 2);
    await audit.record(byId);
    await audit.record(byPseudonym);
    await audit.record(anAuditRecord('mallory', 1));

    // Act
    const result = await useCase().execute(alice, { userId: 'alice', auditTargets: ['alice', 'sha256:alice'] });

    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ userId: 'alice', exportedAt: clock.now(), profile });
    expect(result.value.idempotencyRecords).toEqual([
      { key: 'k1', status: 'completed', outcome: '{"statusCode":201}', expiresAt: expect.any(Date) },
    ]);
    expect(result.value.audit.records).toEqual([byId, byPseudonym]);
  });

  it('says how far back the audit search looked, and leaves older records out', async () => {
    // Prepare
    await audit.record(anAuditRecord('alice', 91));
    const recent = anAuditRecord('alice', 89);
    await audit.record(recent);

    // Act
    const result = await useCase().execute(alice, { userId: 'alice', auditTargets: ['alice'] });

    // Assess
    expect(result.ok && result.value.audit).toEqual({
      records: [recent],
      since: new Date(clock.now().getTime() - 90 * DAY_MS),
      truncated: false,
    });
  });

  it('exports what is left of a user without a profile (after a delete), with the profile null', async () => {
    // Prepare
    await aCompletedKey({ scope: 'alice', key: 'k-delete' }, '{"statusCode":204}');

    // Act
    const result = await useCase().execute(alice, { userId: 'alice', auditTargets: ['alice'] });

    // Assess
    expect(result.ok && result.value.profile).toBeNull();
    expect(result.ok && result.value.idempotencyRecords).toHaveLength(1);
  });

  it("lets an administrator export anyone's data", async () => {
    // Prepare
    await profiles.create(UserProfileMother.create({ userId: 'alice' }));

    // Act
    const result = await useCase().execute(admin, { userId: 'alice', auditTargets: ['alice'] });

    // Assess
    expect(result.ok && result.value.profile?.userId).toBe('alice');
  });

  it("refuses another user's export before reading anything", async () => {
    // Prepare
    const reads = jest.spyOn(profiles, 'get');

    // Act
    const result = await useCase().execute(mallory, { userId: 'alice', auditTargets: ['alice'] });

    // Assess
    expect(!result.ok && result.error).toBeInstanceOf(AccessDeniedError);
    expect(reads).not.toHaveBeenCalled();
  });

  it('answers not found for an id no store can hold', async () => {
    // Act
    const result = await useCase().execute(admin, { userId: 'me', auditTargets: [] });

    // Assess
    expect(!result.ok && result.error).toBeInstanceOf(ProfileNotFoundError);
  });
});
