import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { serviceTableNames } from '@userprofile/adapters-aws';
import { StoreUnavailableError } from '@userprofile/domain';
import { CANARY, canariesIn, TEST_ISSUERS } from '@userprofile/testing';

import { anEvent, type Caller } from '../unit/support/api-gateway-event.mother';
import { useStoreApp } from './support/store-app';

/*
 * Stored responses (Idempotency-Key replays) carry the profile they answered with. Deleting the
 * profile or erasing the account must leave none of them behind, in the user's own scope or in
 * an administrator's: on dynalite, with the real stores, the tables are searched for the
 * user's canary personal data afterwards.
 */
const TABLES = serviceTableNames('reliability');
const ADMIN: Caller = { sub: 'forget-admin', groups: 'admins', issuer: TEST_ISSUERS.admins };
const canaryProfile = { email: CANARY.email, firstName: CANARY.firstName, lastName: CANARY.lastName };

let sequence = 0;
const nextUser = (): Caller => ({ sub: `forget-user-${process.pid}-${(sequence += 1)}`, email: CANARY.email });

describe('stored responses after a delete or an erasure (real stores on dynalite)', () => {
  const running = useStoreApp();
  const app = running.app;

  /** Every item of both tables as stored, searched for the canaries. */
  const canariesStored = async (): Promise<string[]> => {
    const raw = new DynamoDBClient({
      endpoint: running.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const scans = await Promise.all(
        [TABLES.idempotency, TABLES.profiles].map((TableName) => raw.send(new ScanCommand({ TableName }))),
      );
      return canariesIn(JSON.stringify(scans.map((scan) => scan.Items)));
    } finally {
      raw.destroy();
    }
  };

  /** The user creates their profile and an administrator changes it, both with keys: two stored responses. */
  const aUserWithStoredResponses = async (user: Caller) => {
    const create = anEvent('POST', '/users').by(user).withHeader('Idempotency-Key', `create-${user.sub}`);
    expect((await app.send(create.withJson(canaryProfile).build())).status).toBe(201);
    const fix = anEvent('PATCH', `/users/${user.sub}`).by(ADMIN).withHeader('Idempotency-Key', `fix-${user.sub}`);
    expect((await app.send(fix.withJson({ phoneNumber: CANARY.phoneNumber }).build())).status).toBe(200);
    expect(await canariesStored()).not.toEqual([]);
  };

  it("a plain DELETE /users/me leaves no stored response with the profile's data, an admin's included", async () => {
    // Prepare
    const user = nextUser();
    await aUserWithStoredResponses(user);

    // Act
    const deleted = await app.send(anEvent('DELETE', '/users/me').by(user).build());

    // Assess
    expect(deleted.status).toBe(204);
    expect(await canariesStored()).toEqual([]);
  });

  it('a keyed POST repeated after the delete is not replayed with the old data: it runs as a new request', async () => {
    // Prepare
    const user = nextUser();
    await aUserWithStoredResponses(user);
    await app.send(anEvent('DELETE', '/users/me').by(user).build());

    // Act
    const repeated = await app.send(
      anEvent('POST', '/users')
        .by(user)
        .withHeader('Idempotency-Key', `create-${user.sub}`)
        .withJson({ ...canaryProfile, firstName: 'Newname' })
        .build(),
    );

    // Assess
    expect(repeated.status).toBe(201);
    expect(repeated.headers['Idempotent-Replayed']).toBeUndefined();
    expect(repeated.body).toMatchObject({ firstName: 'Newname', version: 1 });
    // The tables are shared by this file's tests: the new profile goes, and its stored response with it.
    expect((await app.send(anEvent('DELETE', '/users/me').by(user).build())).status).toBe(204);
    expect(await canariesStored()).toEqual([]);
  });

  it('an erasure leaves nothing of the user in either table, takes the account, and a repeat is 204 too', async () => {
    // Prepare
    const user = nextUser();
    app.accounts.signUp(user.sub);
    await aUserWithStoredResponses(user);

    // Act
    const erased = await app.send(anEvent('DELETE', '/users/me/account').by(user).build());
    const repeated = await app.send(anEvent('DELETE', `/users/${user.sub}/account`).by(ADMIN).build());

    // Assess
    expect([erased.status, repeated.status]).toEqual([204, 204]);
    expect(await canariesStored()).toEqual([]);
    expect(await app.rawItem(user.sub)).toBeUndefined();
    expect(await app.accounts.hasAccount(user.sub)).toBe(false);
    const announced = app.bus.published.filter((event) => event.detail.userId === user.sub);
    expect(announced.map((event) => [event.type, event.detail.eventId])).toEqual([
      ['UserAccountErased', `erased:${user.sub}`],
      ['UserAccountErased', `erased:${user.sub}`],
    ]);
    expect(canariesIn(JSON.stringify(announced))).toEqual([]);
  });

  it('a step that fails answers 503 with Retry-After, and the retry finishes the erasure', async () => {
    // Prepare
    const user = nextUser();
    app.accounts.signUp(user.sub);
    await aUserWithStoredResponses(user);
    app.accounts.failNext(new StoreUnavailableError(7));
    app.bus.refuseNext();

    // Act
    const failed = await app.send(anEvent('DELETE', '/users/me/account').by(user).build());
    const eventRefused = await app.send(anEvent('DELETE', '/users/me/account').by(user).build());
    const retried = await app.send(anEvent('DELETE', '/users/me/account').by(user).build());

    // Assess
    expect([failed.status, failed.headers['Retry-After']]).toEqual([503, '7']);
    expect(await app.rawItem(user.sub)).toBeUndefined();
    expect([eventRefused.status, eventRefused.headers['Retry-After']]).toEqual([503, '5']);
    expect(retried.status).toBe(204);
    expect(await app.accounts.hasAccount(user.sub)).toBe(false);
    expect(await canariesStored()).toEqual([]);
  });
});
