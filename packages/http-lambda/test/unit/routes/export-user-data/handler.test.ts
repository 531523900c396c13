import { pseudonymOf } from '@userprofile/domain';
import {
  CANARY,
  canariesIn,
  fixedPseudonymKeys,
  InMemoryAuditTrail,
  TEST_PSEUDONYM_KEY,
  useCapturedLogs,
  userDataExportSchemaErrors,
} from '@userprofile/testing';

import { anEvent } from '../../support/api-gateway-event.mother';
import { ADMIN, expectProblem, shown } from '../../support/expectations';
import { TestApp } from '../../support/test-app';

const ALICE = { sub: 'alice', email: 'ada@example.com' };
const ADA = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' };
/** How the trail names a user: their keyed pseudonym. */
const named = (userId: string): string => pseudonymOf(userId, TEST_PSEUDONYM_KEY);

describe('GET /users/{userId}/export', () => {
  const logs = useCapturedLogs();
  let audit: InMemoryAuditTrail;
  let app: TestApp;

  beforeEach(() => {
    audit = new InMemoryAuditTrail();
    app = new TestApp({ audit, auditSearch: audit, pseudonymKeys: fixedPseudonymKeys() });
    // The pipeline stamps audit records with the real time; the search ends at the clock's now.
    app.clock.advance(Date.now() + 60_000 - app.clock.now().getTime());
  });

  const exportOf = (path: string, caller: Parameters<ReturnType<typeof anEvent>['by']>[0] = ALICE) =>
    app.send(anEvent('GET', path).by(caller).build());

  it("hands the owner their profile, their requests' stored responses and the audit records naming them", async () => {
    // Prepare: a keyed create (its response is kept), and an administrator's change of the profile (audited)
    const created = await app.send(
      anEvent('POST', '/users').by(ALICE).withJson(ADA).withHeader('Idempotency-Key', 'create-1').build(),
    );
    await app.send(anEvent('PATCH', '/users/alice').by(ADMIN).withJson({ firstName: 'Augusta' }).build());
    const profile = (await app.repository.get('alice'))!;

    // Act
    const response = await exportOf('/users/me/export');

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      userId: 'alice',
      exportedAt: app.clock.now().toISOString(),
      profile: shown(profile),
      storedResponses: [
        {
          idempotencyKey: 'create-1',
          status: 'completed',
          response: { statusCode: 201, headers: expect.any(Object), body: created.raw.body },
        },
      ],
      auditRecordsTruncated: false,
    });
    expect(response.body?.auditRecords).toEqual([
      expect.objectContaining({ actor: ADMIN.sub, action: 'PATCH /users/{userId}', target: named('alice') }),
      expect.objectContaining({ actor: 'alice', action: 'GET /users/{userId}/export', target: named('alice') }),
    ]);
    expect(userDataExportSchemaErrors(response.body)).toEqual([]);
  });

  it('is a JSON download named without personal data, never cached or sniffed', async () => {
    // Prepare
    await app.givenProfileOf('alice');

    // Act
    const response = await exportOf('/users/alice/export');

    // Assess
    expect(response.headers).toMatchObject({
      'Content-Type': 'application/json',
      'Content-Disposition': expect.stringMatching(/^attachment; filename="userprofile-export-\d{8}T\d{6}Z\.json"$/),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  it('finds the record of an administrator creating the profile, which names the user in its body', async () => {
    // Prepare
    await app.send(
      anEvent('POST', '/users')
        .by(ADMIN)
        .withJson({ ...ADA, userId: 'bob' })
        .build(),
    );

    // Act
    const response = await exportOf('/users/bob/export', { sub: 'bob' });

    // Assess
    expect(response.body?.auditRecords).toEqual([
      expect.objectContaining({ actor: ADMIN.sub, action: 'POST /users', target: named('bob') }),
      expect.objectContaining({ actor: 'bob', action: 'GET /users/{userId}/export', target: named('bob') }),
    ]);
  });

  it('audits every export, the owner’s own too, before it is answered', async () => {
    // Act
    await exportOf('/users/me/export');

    // Assess
    expect(audit.records).toEqual([
      expect.objectContaining({
        actor: 'alice',
        actorIsAdmin: false,
        action: 'GET /users/{userId}/export',
        target: named('alice'),
      }),
    ]);
  });

  it('exports what is left of a user without a profile: profile null, a request still in flight', async () => {
    // Prepare: a keyed request of alice's still holds its key
    const now = app.clock.now();
    await app.idempotencyStore.claim({ scope: 'alice', key: 'k' }, 'fp', now, new Date(now.getTime() + 30_000));

    // Act
    const response = await exportOf('/users/me/export');

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      profile: null,
      storedResponses: [{ idempotencyKey: 'k', status: 'in-flight', response: null }],
    });
    expect(userDataExportSchemaErrors(response.body)).toEqual([]);
  });

  it("lets an administrator export anyone's data", async () => {
    // Prepare
    await app.givenProfileOf('bob');

    // Act
    const response = await exportOf('/users/bob/export', ADMIN);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body?.userId).toBe('bob');
  });

  it("refuses someone else's export to a non-admin, whether they exist or not (403)", async () => {
    // Prepare
    await app.givenProfileOf('bob');

    // Act
    const existing = await exportOf('/users/bob/export');
    const missing = await exportOf('/users/carol/export');

    // Assess: refused, and the attempt is in bob's own export (written before, and as a refusal)
    expectProblem(existing, 403, 'forbidden');
    expectProblem(missing, 403, 'forbidden');
    const bobs = await exportOf('/users/me/export', { sub: 'bob' });
    expect(bobs.body?.auditRecords).toEqual([
      expect.objectContaining({ actor: 'alice', target: named('bob') }),
      expect.objectContaining({ actor: 'alice', target: named('bob'), outcome: 'refused', reason: 'forbidden' }),
      expect.objectContaining({ actor: 'bob', target: named('bob') }),
    ]);
    expect(userDataExportSchemaErrors(bobs.body)).toEqual([]);
  });

  it('answers 404 for an id no user can have', async () => {
    // Act
    const response = await exportOf('/users/search/export', ADMIN);

    // Assess
    expectProblem(response, 404, 'not-found');
  });

  it('hands out personal data in the document only: none in the logs or the audit records', async () => {
    // Prepare: a profile and a stored response full of canaries
    const canaryProfile = {
      email: CANARY.emailMixedCase,
      firstName: CANARY.firstName,
      lastName: CANARY.lastName,
      phoneNumber: CANARY.phoneNumber,
    };
    const owner = { sub: 'canary-owner', email: CANARY.email };
    await app.send(
      anEvent('POST', '/users').by(owner).withJson(canaryProfile).withHeader('Idempotency-Key', 'k').build(),
    );

    // Act
    const own = await exportOf('/users/me/export', owner);
    const byAdmin = await exportOf('/users/canary-owner/export', ADMIN);

    // Assess
    expect(canariesIn(own.raw.body)).not.toEqual([]);
    expect(byAdmin.status).toBe(200);
    expect(canariesIn(logs.lines().join('\n'))).toEqual([]);
    expect(canariesIn(JSON.stringify(audit.records))).toEqual([]);
  });
});
