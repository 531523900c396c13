import { randomUUID } from 'node:crypto';

import { Logger } from '@aws-lambda-powertools/logger';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  CLAIMED_FROM,
  createDynamoDbDocumentClient,
  createUserProfileTable,
  DynamoDbUserProfileRepository,
} from '@userprofile/adapters-aws';
import { ProfileFromSignUp, systemClock } from '@userprofile/domain';
import {
  CANARY,
  canariesIn,
  closedPort,
  InMemoryAccountDirectory,
  startSilentEndpoint,
  LegacyItemMother,
  useCapturedLogs,
  useDynalite,
} from '@userprofile/testing';

import { createPostConfirmationHandler, type SignUpMetricOutcome } from '../../src';
import { postConfirmationEvent } from '../support/post-confirmation-event';

const verified = (sub: string, overrides: Record<string, string> = {}) => ({
  sub,
  email: CANARY.emailMixedCase,
  email_verified: 'true',
  given_name: CANARY.firstName,
  family_name: CANARY.lastName,
  phone_number: CANARY.phoneNumber,
  phone_number_verified: 'true',
  ...overrides,
});

describe('post-confirmation trigger on dynalite', () => {
  const dynalite = useDynalite((endpoint) => createDynamoDbDocumentClient({ endpoint, requestTimeoutMs: 30_000 }));
  const logs = useCapturedLogs();
  let tableName: string;
  let accounts: InMemoryAccountDirectory;
  let counted: SignUpMetricOutcome[];

  beforeEach(async () => {
    tableName = `user-profiles-sign-up-${randomUUID()}`;
    await createUserProfileTable(dynalite.client, tableName);
    accounts = new InMemoryAccountDirectory();
    counted = [];
  });

  function trigger(options: { claimLegacyProfiles?: boolean; endpoint?: string } = {}) {
    // A store elsewhere answers once, after up to 20 s: only the handler's own budget ends a hung call sooner.
    const client =
      options.endpoint === undefined
        ? dynalite.client
        : createDynamoDbDocumentClient({ endpoint: options.endpoint, maxAttempts: 1, requestTimeoutMs: 20_000 });
    const repository = new DynamoDbUserProfileRepository({ client, tableName, cursorSigningKey: 'sign-up-test' });
    return createPostConfirmationHandler({
      signUpsIn: () =>
        new ProfileFromSignUp(repository, accounts, systemClock, {
          claimLegacyProfiles: options.claimLegacyProfiles ?? true,
        }),
      logger: new Logger({ serviceName: 'userprofile', logLevel: 'INFO' }),
      metrics: { signUp: (result) => counted.push(result.kind) },
    });
  }

  /** A confirmed account: in the pool, then confirmed through the trigger. */
  async function confirm(attributes: Record<string, string>, handler = trigger()) {
    accounts.signUp(attributes.sub!);
    return handler(postConfirmationEvent(attributes));
  }

  const stored = async (userId: string) =>
    (await dynalite.client.send(new GetCommand({ TableName: tableName, Key: { userId }, ConsistentRead: true }))).Item;

  async function storeLegacy(overrides: Record<string, unknown> = {}): Promise<string> {
    const item = LegacyItemMother.created({ email: CANARY.email, ...overrides });
    await dynalite.client.send(new PutCommand({ TableName: tableName, Item: item }));
    return item.userId;
  }

  it('creates the profile at the sub from the verified attributes and returns the event as it came', async () => {
    // Prepare
    const sub = randomUUID();
    const event = postConfirmationEvent(verified(sub));
    accounts.signUp(sub);

    // Act
    const answer = await trigger()(event);

    // Assess
    expect(answer).toEqual(postConfirmationEvent(verified(sub)));
    expect(await stored(sub)).toMatchObject({
      userId: sub,
      email: CANARY.email,
      firstName: CANARY.firstName,
      lastName: CANARY.lastName,
      phoneNumber: CANARY.phoneNumber,
      version: 1,
    });
    expect(counted).toEqual(['created']);
  });

  it('leaves out a phone number Cognito has not verified', async () => {
    const sub = randomUUID();
    await confirm(verified(sub, { phone_number_verified: 'false' }));
    expect((await stored(sub))?.phoneNumber).toBeUndefined();
  });

  it.each([
    ['an unverified email', { email_verified: 'false' }],
    ['no family name', { family_name: '' }],
    ['a given name the profile refuses', { given_name: 'x'.repeat(101) }],
  ])('creates nothing from %s: the app creates the profile with its first POST', async (_case, overrides) => {
    const sub = randomUUID();
    await confirm(verified(sub, overrides));
    expect(await stored(sub)).toBeUndefined();
    expect(counted).toEqual(['incomplete']);
  });

  it('does nothing on a confirmed password reset', async () => {
    const sub = randomUUID();
    const event = postConfirmationEvent(verified(sub), 'PostConfirmation_ConfirmForgotPassword');
    expect(await trigger()(event)).toEqual(event);
    expect(await stored(sub)).toBeUndefined();
    expect(counted).toEqual([]);
  });

  it('keeps a profile already at the sub as it is (a retried confirmation)', async () => {
    const sub = randomUUID();
    await confirm(verified(sub));
    const first = await stored(sub);

    await confirm(verified(sub, { given_name: 'Someone' }));

    expect(await stored(sub)).toEqual(first);
    expect(counted).toEqual(['created', 'already-exists']);
  });

  it('makes one profile of two confirmations at once', async () => {
    const sub = randomUUID();
    accounts.signUp(sub);
    const handler = trigger();

    await Promise.all([handler(postConfirmationEvent(verified(sub))), handler(postConfirmationEvent(verified(sub)))]);

    expect((await stored(sub))?.version).toBe(1);
    expect(counted.sort()).toEqual(['already-exists', 'created']);
  });

  describe('claiming a legacy profile', () => {
    it('re-keys the one legacy profile with the verified email to the sub, its history kept', async () => {
      // Prepare
      const legacyId = await storeLegacy();
      const sub = randomUUID();

      // Act
      await confirm(verified(sub, { given_name: 'Newname' }));

      // Assess
      expect(await stored(legacyId)).toBeUndefined();
      expect(await stored(sub)).toMatchObject({
        userId: sub,
        email: CANARY.email,
        firstName: 'Ada',
        createdAt: '2024-05-01T10:00:00.123Z',
        version: 2,
        [CLAIMED_FROM]: legacyId,
      });
      expect(counted).toEqual(['claimed']);
    });

    it('makes one profile of two confirmations at once, the legacy one', async () => {
      const legacyId = await storeLegacy();
      const sub = randomUUID();
      accounts.signUp(sub);
      const handler = trigger();

      await Promise.all([handler(postConfirmationEvent(verified(sub))), handler(postConfirmationEvent(verified(sub)))]);

      expect(await stored(legacyId)).toBeUndefined();
      expect(await stored(sub)).toMatchObject({ firstName: 'Ada', [CLAIMED_FROM]: legacyId });
      expect(counted.sort()).toEqual(['already-exists', 'claimed']);
    });

    it("never takes another account's profile: a key that is an account's sub is no legacy profile", async () => {
      const otherSub = randomUUID();
      accounts.signUp(otherSub);
      await storeLegacy({ userId: otherSub });
      const sub = randomUUID();

      await confirm(verified(sub));

      expect(await stored(otherSub)).toMatchObject({ firstName: 'Ada' });
      expect(await stored(sub)).toMatchObject({ firstName: CANARY.firstName });
      expect(counted).toEqual(['created']);
    });

    it('claims none and creates none when several legacy profiles hold the email', async () => {
      const legacyIds = [await storeLegacy(), await storeLegacy()];
      const sub = randomUUID();

      await confirm(verified(sub));

      expect(await stored(sub)).toBeUndefined();
      for (const id of legacyIds) expect(await stored(id)).toBeDefined();
      expect(counted).toEqual(['ambiguous']);
    });

    it('creates a new profile beside the legacy one when claiming is switched off', async () => {
      const legacyId = await storeLegacy();
      const sub = randomUUID();

      await confirm(verified(sub), trigger({ claimLegacyProfiles: false }));

      expect(await stored(legacyId)).toMatchObject({ firstName: 'Ada' });
      expect(await stored(sub)).toMatchObject({ firstName: CANARY.firstName });
      expect(counted).toEqual(['created']);
    });

    it('claims nothing for an unverified email', async () => {
      const legacyId = await storeLegacy();
      const sub = randomUUID();

      await confirm(verified(sub, { email_verified: 'false' }));

      expect(await stored(legacyId)).toBeDefined();
      expect(await stored(sub)).toBeUndefined();
    });
  });

  it('lets the sign-up go on when the store is down: the event comes back, the fault is logged and counted', async () => {
    const sub = randomUUID();
    const answer = await confirm(verified(sub), trigger({ endpoint: await closedPort() }));

    expect(answer.triggerSource).toBe('PostConfirmation_ConfirmSignUp');
    expect(counted).toEqual(['failed']);
    const line = logs.lines().find((text) => text.includes('sign-up profile failed'));
    expect(line && JSON.parse(line)).toMatchObject({ level: 'ERROR', userId: sub });
  });

  it('answers Cognito in time when the store hangs: the event comes back before the invocation ends', async () => {
    const silent = await startSilentEndpoint();
    try {
      const sub = randomUUID();
      accounts.signUp(sub);
      const handler = trigger({ endpoint: silent.endpoint });

      const started = Date.now();
      const answer = await handler(postConfirmationEvent(verified(sub)), () => 1_500);

      expect(answer.request.userAttributes.sub).toBe(sub);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(counted).toEqual(['failed']);
    } finally {
      await silent.stop();
    }
  });

  it('writes no personal data to its logs, whatever happened', async () => {
    await storeLegacy();
    await confirm(verified(randomUUID()));
    await confirm(verified(randomUUID(), { email: 'someone.else@example.com' }));
    await confirm(verified(randomUUID(), { family_name: '' }));
    await confirm(verified(randomUUID()), trigger({ endpoint: await closedPort() }));

    expect(logs.lines().length).toBeGreaterThanOrEqual(4);
    expect(logs.lines().flatMap(canariesIn)).toEqual([]);
  });
});
