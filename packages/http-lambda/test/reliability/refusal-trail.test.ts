import { pseudonymOf, type AuditRecord } from '@userprofile/domain';
import {
  canariesIn,
  CANARY,
  captureProcessLogs,
  fixedPseudonymKeys,
  InMemoryAuditTrail,
  startDynalite,
  TEST_PSEUDONYM_KEY,
  type RunningDynalite,
} from '@userprofile/testing';
import type { APIGatewayProxyEvent } from 'aws-lambda';

import { anEvent, type Caller } from '../unit/support/api-gateway-event.mother';
import { createStoreApp, type StoreApp } from './support/store-app';

/** A non-admin whose token carries a personal-data canary: it must never reach the trail. */
/** A target as the trail stores it: a listing's `*` as is, a user id as its keyed pseudonym. */
const stored = (target: string): string => (target === '*' ? target : pseudonymOf(target, TEST_PSEUDONYM_KEY));
const PROBER: Caller = { sub: 'refusal-prober', email: 'zq.prober.canary@canary-pii.example' };
const VICTIM = 'refusal-victim';

describe('refusal trail (real handlers and repository on dynalite)', () => {
  let store: RunningDynalite;
  let app: StoreApp;
  let trail: InMemoryAuditTrail;
  let logs: ReturnType<typeof captureProcessLogs>;

  beforeAll(async () => {
    logs = captureProcessLogs();
    store = await startDynalite();
    trail = new InMemoryAuditTrail();
    app = await createStoreApp(store.endpoint, { audit: trail, pseudonymKeys: fixedPseudonymKeys() });
    const created = await app.send(
      anEvent('POST', '/users')
        .by({ sub: VICTIM, email: CANARY.email })
        .withJson({
          email: CANARY.emailMixedCase,
          firstName: CANARY.firstName,
          lastName: CANARY.lastName,
          phoneNumber: CANARY.phoneNumber,
        })
        .build(),
    );
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    app?.destroy();
    await store?.stop();
    logs.stop();
  });

  /** The refusal records one request wrote, with its status. */
  const refusalsOf = async (event: APIGatewayProxyEvent): Promise<{ status: number; records: AuditRecord[] }> => {
    const before = trail.records.length;
    const { status } = await app.send(event);
    return { status, records: trail.records.slice(before).filter((record) => record.outcome === 'refused') };
  };

  it.each([
    ["another user's profile", anEvent('GET', `/users/${VICTIM}`), 'GET /users/{userId}', VICTIM],
    [
      "another user's profile, percent-encoded",
      anEvent('GET', `/users/${encodeURIComponent(VICTIM)}`),
      'GET /users/{userId}',
      VICTIM,
    ],
    ['the listing', anEvent('GET', '/users').withQuery({ limit: '5' }), 'GET /users', '*'],
    [
      'a lookup by email',
      anEvent('POST', '/users/search').withJson({ email: CANARY.email }),
      'POST /users/search',
      '*',
    ],
  ])(
    "a non-admin's forbidden read of %s leaves a record: actor, route, target, reason",
    async (_case, event, action, target) => {
      // Act
      const { status, records } = await refusalsOf(event.by(PROBER).withGatewayRequestId('req-refused').build());

      // Assess
      expect(status).toBe(403);
      expect(records).toEqual([
        {
          time: expect.any(String),
          requestId: 'req-refused',
          actor: PROBER.sub,
          actorIsAdmin: false,
          action,
          target: stored(target),
          outcome: 'refused',
          reason: 'forbidden',
        },
      ]);
    },
  );

  it.each([
    [
      'a create',
      anEvent('POST', '/users').withJson({ email: CANARY.email, firstName: 'Zq', lastName: 'Zq' }),
      'POST /users',
    ],
    ['an update', anEvent('PUT', '/users/me').withJson({ email: CANARY.email }), 'PUT /users/{userId}'],
  ])('the email-binding refusal of %s leaves a record naming its reason', async (_case, event, action) => {
    // Act
    const { status, records } = await refusalsOf(event.by(PROBER).build());

    // Assess
    expect(status).toBe(403);
    expect(records).toEqual([
      expect.objectContaining({
        actor: PROBER.sub,
        action,
        target: stored(PROBER.sub),
        reason: 'email-not-verified-for-caller',
      }),
    ]);
  });

  it('holds no personal data: an address named in the path is a pseudonym, and no token or body value is kept', async () => {
    // Act
    const { status, records } = await refusalsOf(anEvent('GET', `/users/${CANARY.email}`).by(PROBER).build());
    const everything = JSON.stringify(trail.records);

    // Assess
    expect(status).toBe(403);
    expect(records).toEqual([
      expect.objectContaining({ reason: 'forbidden', target: expect.not.stringContaining('@') }),
    ]);
    expect(trail.records.filter((record) => record.outcome === 'refused').length).toBeGreaterThanOrEqual(7);
    expect(canariesIn(everything)).toEqual([]);
    expect(everything.toLowerCase()).not.toContain(PROBER.email!.toLowerCase());
    expect(logs.scanner.scan().hits).toBe(0);
  });
});
