import { pseudonymOf, type AuditTrail } from '@userprofile/domain';
import {
  canariesIn,
  CANARY,
  fixedPseudonymKeys,
  InMemoryAuditTrail,
  TEST_PSEUDONYM_KEY,
  useCapturedLogs,
} from '@userprofile/testing';

import { refusalReasonOf } from '../../../src/audit/refusal-reason';
import { anEvent, type Caller } from '../support/api-gateway-event.mother';
import { ADMIN, expectProblem } from '../support/expectations';
import { TestApp } from '../support/test-app';

const ALICE: Caller = { sub: 'alice', email: 'alice@example.com' };
const pseudonym = (userId: string): string => pseudonymOf(userId, TEST_PSEUDONYM_KEY);

describe('refusal records (request pipeline)', () => {
  const logs = useCapturedLogs();
  let trail: InMemoryAuditTrail;
  let app: TestApp;

  beforeEach(async () => {
    trail = new InMemoryAuditTrail();
    app = new TestApp({ audit: trail, pseudonymKeys: fixedPseudonymKeys() });
    await app.givenProfileOf('alice', { email: 'alice@example.com' });
    await app.givenProfileOf('bob');
  });

  describe("a non-admin's forbidden read leaves one record: actor, route, target and reason", () => {
    it.each([
      ["another user's profile", anEvent('GET', '/users/bob'), 'GET /users/{userId}', pseudonym('bob')],
      ['the listing', anEvent('GET', '/users'), 'GET /users', '*'],
      ['a lookup', anEvent('POST', '/users/search').withJson({ email: CANARY.email }), 'POST /users/search', '*'],
    ])('%s', async (_case, event, action, target) => {
      // Act
      const response = await app.send(event.by(ALICE).withGatewayRequestId('req-refused').build());

      // Assess
      expectProblem(response, 403, 'forbidden');
      expect(trail.records).toEqual([
        {
          time: expect.any(String),
          requestId: 'req-refused',
          actor: 'alice',
          actorIsAdmin: false,
          action,
          target,
          outcome: 'refused',
          reason: 'forbidden',
        },
      ]);
      expect(Date.parse(trail.records[0]!.time)).not.toBeNaN();
    });
  });

  it.each([
    ['a create', anEvent('POST', '/users').withJson({ email: CANARY.email, firstName: 'A', lastName: 'B' })],
    ['an update', anEvent('PATCH', '/users/me').withJson({ email: CANARY.email })],
  ])('records the email-binding refusal of %s, and no address', async (_case, event) => {
    // Act
    const response = await app.send(event.by(ALICE).build());

    // Assess
    expectProblem(response, 403, 'email-not-verified-for-caller');
    expect(trail.records).toEqual([
      expect.objectContaining({
        actor: 'alice',
        target: pseudonym('alice'),
        outcome: 'refused',
        reason: 'email-not-verified-for-caller',
      }),
    ]);
    expect(canariesIn(JSON.stringify(trail.records))).toEqual([]);
  });

  it("adds the refusal to the record written before a non-admin's delete of another profile", async () => {
    // Act
    const response = await app.send(anEvent('DELETE', '/users/bob').by(ALICE).build());

    // Assess
    expect(response.status).toBe(403);
    expect(trail.records).toEqual([
      expect.not.objectContaining({ outcome: expect.anything() }),
      expect.objectContaining({ action: 'DELETE /users/{userId}', target: pseudonym('bob'), outcome: 'refused' }),
    ]);
  });

  it('records a refusal replayed for a repeated Idempotency-Key as well', async () => {
    // Prepare
    const attempt = () =>
      anEvent('PATCH', '/users/bob').by(ALICE).withHeader('Idempotency-Key', 'key-1').withJson({ firstName: 'Z' });

    // Act
    const first = await app.send(attempt().build());
    const replayed = await app.send(attempt().build());

    // Assess
    expect([first.status, replayed.status]).toEqual([403, 403]);
    expect(replayed.headers['Idempotent-Replayed']).toBe('true');
    expect(trail.records.map(({ reason }) => reason)).toEqual(['forbidden', 'forbidden']);
  });

  it('records nothing for answers that are no refusal, nor for a caller without identity (401)', async () => {
    // Act
    const statuses = [
      (await app.send(anEvent('GET', '/users/me').by(ALICE).build())).status,
      (await app.send(anEvent('GET', '/users/bob').by(ADMIN).build())).status,
      (await app.send(anEvent('GET', '/users/nobody').by(ADMIN).build())).status,
      (await app.send(anEvent('PATCH', '/users/me').by(ALICE).withJson({ firstName: 42 }).build())).status,
      (await app.send(anEvent('GET', '/users/bob').build())).status,
    ];

    // Assess
    expect(statuses).toEqual([200, 200, 404, 400, 401]);
    expect(trail.records.filter((record) => record.outcome !== undefined)).toEqual([]);
  });

  it('still answers the refusal when its record cannot be written, and logs that without personal data', async () => {
    // Prepare
    const failing: AuditTrail = { record: () => Promise.reject(new Error(`trail away ${CANARY.email}`)) };
    const failingApp = new TestApp({ audit: failing });

    // Act
    const response = await failingApp.send(
      anEvent('POST', '/users/search').by(ALICE).withJson({ email: CANARY.email }).build(),
    );

    // Assess
    expectProblem(response, 403, 'forbidden');
    const warnings = logs.lines().filter((line) => line.includes('refusal audit record not written'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 'WARN', reason: 'forbidden', errorName: 'Error' });
    expect(canariesIn(logs.lines().join('\n'))).toEqual([]);
  });
});

describe('refusalReasonOf', () => {
  it.each([
    [403, { type: '/problems/forbidden' }, 'forbidden'],
    [403, { type: '/problems/email-not-verified-for-caller' }, 'email-not-verified-for-caller'],
    [403, { type: '/problems/request-refused' }, undefined],
    [404, { type: '/problems/forbidden' }, undefined],
  ])('%s %j is %s', (statusCode, body, reason) => {
    expect(refusalReasonOf({ statusCode, body: JSON.stringify(body) })).toBe(reason);
  });

  it('is no refusal for a 403 whose body is not JSON', () => {
    expect(refusalReasonOf({ statusCode: 403, body: '<html>' })).toBeUndefined();
  });
});
