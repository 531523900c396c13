import { createHash } from 'node:crypto';

import { pseudonymOf, type AuditTrail } from '@userprofile/domain';
import {
  canariesIn,
  CANARY,
  captureProcessLogs,
  fixedPseudonymKeys,
  InMemoryAuditTrail,
  TEST_PSEUDONYM_KEY,
  startDynalite,
  type RunningDynalite,
  TEST_ISSUERS,
} from '@userprofile/testing';
import type { APIGatewayProxyEvent } from 'aws-lambda';

import { anEvent, type Caller } from '../unit/support/api-gateway-event.mother';
import { createStoreApp, type StoreApp } from './support/store-app';

const ADMIN: Caller = {
  sub: 'audit-admin',
  email: 'zq.admin.canary@canary-pii.example',
  groups: 'admins',
  issuer: TEST_ISSUERS.admins,
};
const OWNER_EMAIL = CANARY.email;

/** A profile of personal-data canaries, created by its owner. */
const createEvent = (sub: string): APIGatewayProxyEvent =>
  anEvent('POST', '/users')
    .by({ sub, email: OWNER_EMAIL })
    .withJson({
      email: CANARY.emailMixedCase,
      firstName: CANARY.firstName,
      lastName: CANARY.lastName,
      phoneNumber: CANARY.phoneNumber,
    })
    .build();

describe('audit trail (real handlers and repository on dynalite)', () => {
  let store: RunningDynalite;
  let app: StoreApp;
  let trail: InMemoryAuditTrail;
  let logs: ReturnType<typeof captureProcessLogs>;
  let counter = 0;

  beforeAll(async () => {
    logs = captureProcessLogs();
    store = await startDynalite();
    trail = new InMemoryAuditTrail();
    app = await createStoreApp(store.endpoint, { audit: trail, pseudonymKeys: fixedPseudonymKeys() });
  });

  afterAll(async () => {
    app?.destroy();
    await store?.stop();
    logs.stop();
  });

  /** A fresh owner with a profile of canaries. */
  const anOwner = async (): Promise<string> => {
    const sub = `audit-owner-${++counter}`;
    expect((await app.send(createEvent(sub))).status).toBe(201);
    return sub;
  };

  /** The records the requests wrote, with the responses. */
  const recordsOf = async (...events: APIGatewayProxyEvent[]) => {
    const before = trail.records.length;
    const statuses: number[] = [];
    for (const event of events) statuses.push((await app.send(event)).status);
    return { statuses, records: trail.records.slice(before) };
  };

  it("writes nothing for a user's own non-delete actions", async () => {
    // Prepare
    const sub = await anOwner();
    const caller: Caller = { sub, email: OWNER_EMAIL };

    // Act
    const { statuses, records } = await recordsOf(
      anEvent('GET', '/users/me').by(caller).build(),
      anEvent('GET', `/users/${sub}`).by(caller).build(),
      anEvent('PATCH', '/users/me').by(caller).withJson({ firstName: 'Zqcanaryother' }).build(),
      anEvent('PUT', `/users/${sub}`).by(caller).withJson({ lastName: 'Zqcanaryothe' }).build(),
    );

    // Assess
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(records).toEqual([]);
  });

  it("writes one record per delete, the owner's own included, whatever its outcome", async () => {
    // Prepare
    const sub = await anOwner();
    const other = await anOwner();
    const caller: Caller = { sub, email: OWNER_EMAIL };
    const own = anEvent('DELETE', '/users/me')
      .by(caller)
      .ifMatch('"99.nope"')
      .withGatewayRequestId('req-del-1')
      .build();

    // Act
    const { statuses, records } = await recordsOf(
      own,
      anEvent('DELETE', `/users/${other}`).by(caller).build(),
      anEvent('DELETE', '/users/me').by(caller).build(),
    );

    // Assess
    expect(statuses).toEqual([412, 403, 204]);
    expect(records).toEqual([
      expect.objectContaining({
        actor: sub,
        actorIsAdmin: false,
        action: 'DELETE /users/{userId}',
        target: pseudonym(sub),
        requestId: 'req-del-1',
      }),
      expect.objectContaining({ actor: sub, target: pseudonym(other) }),
      expect.objectContaining({ actor: sub, target: pseudonym(other), outcome: 'refused', reason: 'forbidden' }),
      expect.objectContaining({ actor: sub, target: pseudonym(sub) }),
    ]);
  });

  it("writes one record per administrator action on another user's profile, listings and lookups included", async () => {
    // Prepare
    const target = await anOwner();
    const created = `audit-created-${++counter}`;

    // Act
    const { statuses, records } = await recordsOf(
      anEvent('GET', `/users/${target}`).by(ADMIN).build(),
      anEvent('PATCH', `/users/${target}`).by(ADMIN).withJson({ firstName: 'Zqcanaryadmin' }).build(),
      anEvent('GET', '/users').by(ADMIN).withQuery({ limit: '2' }).build(),
      anEvent('POST', '/users/search').by(ADMIN).withJson({ email: CANARY.email }).build(),
      anEvent('POST', '/users')
        .by(ADMIN)
        .withJson({ userId: created, email: CANARY.email, firstName: CANARY.firstName, lastName: CANARY.lastName })
        .build(),
      anEvent('GET', '/users/audit-nobody').by(ADMIN).build(),
      anEvent('DELETE', `/users/${target}`).by(ADMIN).build(),
    );

    // Assess
    expect(statuses).toEqual([200, 200, 200, 200, 201, 404, 204]);
    expect(records.map(({ action, target: t }) => ({ action, target: t }))).toEqual([
      { action: 'GET /users/{userId}', target: pseudonym(target) },
      { action: 'PATCH /users/{userId}', target: pseudonym(target) },
      { action: 'GET /users', target: '*' },
      { action: 'POST /users/search', target: '*' },
      { action: 'POST /users', target: pseudonym(created) },
      { action: 'GET /users/{userId}', target: pseudonym('audit-nobody') },
      { action: 'DELETE /users/{userId}', target: pseudonym(target) },
    ]);
    for (const record of records) {
      expect(record).toMatchObject({ actor: ADMIN.sub, actorIsAdmin: true, requestId: expect.any(String) });
      expect(Date.parse(record.time)).not.toBeNaN();
    }
  });

  it("writes nothing for an administrator's own profile, except its delete", async () => {
    // Prepare
    await app.send(createEventFor(ADMIN));

    // Act
    const { statuses, records } = await recordsOf(
      anEvent('GET', '/users/me').by(ADMIN).build(),
      anEvent('PATCH', `/users/${ADMIN.sub}`).by(ADMIN).withJson({ lastName: 'Zqcanaryadminlast' }).build(),
      anEvent('DELETE', '/users/me').by(ADMIN).build(),
    );

    // Assess
    expect(statuses).toEqual([200, 200, 204]);
    expect(records).toEqual([
      expect.objectContaining({ actor: ADMIN.sub, target: pseudonym(ADMIN.sub), action: 'DELETE /users/{userId}' }),
    ]);
  });

  it('holds no personal data values: every target, an address-like id included, is a keyed pseudonym, never a plain hash', async () => {
    // Act: an admin reads an address-like id, and creates with a name where the id goes and a bad field.
    const { records } = await recordsOf(
      anEvent('GET', `/users/${CANARY.email}`).by(ADMIN).build(),
      anEvent('POST', '/users')
        .by(ADMIN)
        .withJson({ userId: CANARY.lastName, email: CANARY.email, firstName: CANARY.firstName, lastName: 42 })
        .build(),
    );
    const everything = JSON.stringify(trail.records);

    // Assess
    expect(records).toEqual([
      expect.objectContaining({ target: pseudonym(CANARY.email) }),
      expect.objectContaining({ action: 'POST /users', target: pseudonym(CANARY.lastName) }),
    ]);
    expect(everything).not.toContain(sha256(CANARY.email));
    expect(trail.records.length).toBeGreaterThan(10);
    expect(canariesIn(everything)).toEqual([]);
    expect(everything.toLowerCase()).not.toContain(ADMIN.email!.toLowerCase());
  });

  it('refuses an action whose record cannot be written: 503, and the profile is still there', async () => {
    // Prepare
    const failing: AuditTrail = { record: () => Promise.reject(new Error('audit group unreachable')) };
    const capture = captureProcessLogs({ keepLines: true });
    const failingApp = await createStoreApp(store.endpoint, { audit: failing, createTable: false });
    const target = await anOwner();

    // Act
    const deleted = await failingApp.send(anEvent('DELETE', `/users/${target}`).by(ADMIN).build());
    failingApp.destroy();
    const scan = capture.stop();

    // Assess
    expect(deleted.status).toBe(503);
    expect(deleted.headers['Retry-After']).toBe('2');
    expect(await app.send(anEvent('GET', `/users/${target}`).by(ADMIN).build())).toMatchObject({ status: 200 });
    const lines = capture.scanner.keptLines ?? [];
    expect(lines.filter((line) => line.includes('audit record not written'))).toHaveLength(1);
    expect(scan.hits).toBe(0);
  });

  it('refuses an audited action while the pseudonym key cannot be read: 503, and the profile is still there', async () => {
    // Prepare
    const noKey = { current: () => Promise.reject(new Error('secret unreachable')) };
    const keyless = await createStoreApp(store.endpoint, { audit: trail, pseudonymKeys: noKey, createTable: false });
    const target = await anOwner();
    const before = trail.records.length;

    // Act
    const deleted = await keyless.send(anEvent('DELETE', `/users/${target}`).by(ADMIN).build());
    const ownRead = await keyless.send(anEvent('GET', '/users/me').by({ sub: target, email: OWNER_EMAIL }).build());
    keyless.destroy();

    // Assess: nothing unaudited happened, and requests that write no record never wait for the key.
    expect(deleted.status).toBe(503);
    expect(trail.records.length).toBe(before);
    expect(ownRead.status).toBe(200);
    expect(await app.send(anEvent('GET', `/users/${target}`).by(ADMIN).build())).toMatchObject({ status: 200 });
  });
});

const createEventFor = (caller: Caller): APIGatewayProxyEvent =>
  anEvent('POST', '/users')
    .by(caller)
    .withJson({ email: caller.email, firstName: CANARY.firstName, lastName: CANARY.lastName })
    .build();

const sha256 = (id: string): string => createHash('sha256').update(id, 'utf8').digest('hex');
/** What the trail holds of a target: its pseudonym under the test key. */
const pseudonym = (id: string): string => pseudonymOf(id, TEST_PSEUDONYM_KEY);
