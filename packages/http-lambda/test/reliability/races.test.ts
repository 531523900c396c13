import { CANARY } from '@userprofile/testing';
import { anEvent } from '../unit/support/api-gateway-event.mother';
import { createStoreApp, useStoreApp } from './support/store-app';

const WRITERS = 32;
const TRIALS = 30;
/** The figure: 16 PATCHes without If-Match on one profile answered about half 412 before. */
const UNCONDITIONAL_WRITERS = 16;

const profileBody = {
  email: CANARY.email,
  firstName: CANARY.firstName,
  lastName: CANARY.lastName,
  phoneNumber: CANARY.phoneNumber,
};

describe('races on dynalite (real repository and handlers)', () => {
  const figures: string[] = [];

  const running = useStoreApp({ captureLogs: true });
  const app = running.app;

  afterAll(async () => {
    process.stdout.write(`\nrace figures:\n${figures.join('\n')}\n`);
  });

  it(`${WRITERS} concurrent updates with the same If-Match, ${TRIALS} trials: one wins, the rest get 412, nothing is lost`, async () => {
    const outcomes: { wins: number; stale: number; other: number[]; lost: boolean; finalVersion: unknown }[] = [];
    for (let trial = 0; trial < TRIALS; trial += 1) {
      // Prepare
      const userId = `race-update-${trial}`;
      const created = await app.send(
        anEvent('POST', '/users').by({ sub: userId, email: CANARY.email }).withJson(profileBody).build(),
      );
      expect(created.status).toBe(201);
      const method = trial % 2 === 0 ? 'PATCH' : 'PUT';
      const etag = created.headers['ETag']!;

      // Act
      const responses = await Promise.all(
        Array.from({ length: WRITERS }, (_, writer) =>
          app.send(
            anEvent(method, `/users/${userId}`)
              .by({ sub: userId, email: CANARY.email })
              .ifMatch(etag)
              .withJson({ firstName: `Writer${writer}`, lastName: CANARY.lastName })
              .build(),
          ),
        ),
      );

      // Assess (collected, then checked once for a readable failure)
      const winners = responses.filter((response) => response.status === 200);
      const stored = JSON.parse((await app.rawItem(userId)) ?? '{}') as Record<string, { S?: string; N?: string }>;
      outcomes.push({
        wins: winners.length,
        stale: responses.filter((response) => response.status === 412).length,
        other: responses.map((response) => response.status).filter((status) => status !== 200 && status !== 412),
        // The acknowledged write is the one stored: its name and its version.
        lost:
          winners.length !== 1 ||
          stored.firstName?.S !== winners[0]!.body?.firstName ||
          stored.version?.N !== String(winners[0]!.body?.version),
        finalVersion: Number(stored.version?.N),
      });
    }
    figures.push(
      `  same If-Match: ${TRIALS} trials x ${WRITERS} writers, wins per trial ${JSON.stringify([...new Set(outcomes.map((o) => o.wins))])}, lost updates ${outcomes.filter((o) => o.lost).length}`,
    );
    expect(outcomes).toEqual(
      Array.from({ length: TRIALS }, () => ({ wins: 1, stale: WRITERS - 1, other: [], lost: false, finalVersion: 2 })),
    );
  }, 120_000);

  it(`${UNCONDITIONAL_WRITERS} concurrent PATCHes without If-Match, ${TRIALS} trials: every one lands, none answers 412`, async () => {
    const outcomes: { statuses: number[]; versions: number[]; finalVersion: number; storedIsLast: boolean }[] = [];
    for (let trial = 0; trial < TRIALS; trial += 1) {
      // Prepare
      const userId = `race-unconditional-${trial}`;
      const created = await app.send(
        anEvent('POST', '/users').by({ sub: userId, email: CANARY.email }).withJson(profileBody).build(),
      );
      expect(created.status).toBe(201);

      // Act: no precondition was sent, so none may fail (RFC 9110 keeps 412 for a failed one).
      const responses = await Promise.all(
        Array.from({ length: UNCONDITIONAL_WRITERS }, (_, writer) =>
          app.send(
            anEvent('PATCH', `/users/${userId}`)
              .by({ sub: userId, email: CANARY.email })
              .withJson({ firstName: `Writer${writer}` })
              .build(),
          ),
        ),
      );

      // Assess: each answered its own version, and the last of them is what is stored.
      const stored = JSON.parse((await app.rawItem(userId)) ?? '{}') as Record<string, { S?: string; N?: string }>;
      const last = responses.find((response) => response.body?.version === 1 + UNCONDITIONAL_WRITERS);
      outcomes.push({
        statuses: [...new Set(responses.map((response) => response.status))],
        versions: responses.map((response) => Number(response.body?.version)).sort((a, b) => a - b),
        finalVersion: Number(stored.version?.N),
        storedIsLast: last !== undefined && stored.firstName?.S === last.body?.firstName,
      });
    }
    const lost = outcomes.reduce((sum, outcome) => sum + (1 + UNCONDITIONAL_WRITERS - outcome.finalVersion), 0);
    figures.push(
      `  no If-Match: ${TRIALS} trials x ${UNCONDITIONAL_WRITERS} writers, statuses ${JSON.stringify([...new Set(outcomes.flatMap((o) => o.statuses))])}, lost updates ${lost}`,
    );
    expect(outcomes).toEqual(
      Array.from({ length: TRIALS }, () => ({
        statuses: [200],
        versions: Array.from({ length: UNCONDITIONAL_WRITERS }, (_, i) => 2 + i),
        finalVersion: 1 + UNCONDITIONAL_WRITERS,
        storedIsLast: true,
      })),
    );
  }, 120_000);

  it(`a delete and re-create inside ${WRITERS} updates' read-modify-write, ${TRIALS} trials: no field of the deleted profile comes back`, async () => {
    // The updates run on a second app whose reads answer and writes leave 50 ms late, so every
    // one of them is sent for the first life and lands after the second was born: the window of
    // the ABA problem.
    const slowReader = await createStoreApp(running.endpoint, { createTable: false, readDelayMs: 50 });
    type Outcome = { resurrected: string[]; firstLifeEtagAcceptedLater: number; serverErrors: number };
    const outcomes: Outcome[] = [];
    try {
      for (let trial = 0; trial < TRIALS; trial += 1) {
        // Prepare: the first life, with fields the second life does not have.
        const userId = `race-aba-${trial}`;
        const by = { sub: userId, email: CANARY.email };
        const first = await app.send(
          anEvent('POST', '/users')
            .by(by)
            .withJson({ ...profileBody, lastName: 'FirstLife', phoneNumber: '+447700900001' })
            .build(),
        );
        expect(first.status).toBe(201);
        const firstEtag = first.headers['ETag']!;

        // Act: updates with and without the first life's ETag; meanwhile the profile is deleted
        // and created again (versions restart at 1: only the incarnation tells the lives apart).
        const updates = Promise.all(
          Array.from({ length: WRITERS }, (_, writer) => {
            const event = anEvent('PATCH', `/users/${userId}`)
              .by(by)
              .withJson({ firstName: `Writer${writer}` });
            if (writer % 2 === 0) event.ifMatch(firstEtag);
            return slowReader.send(event.build());
          }),
        );
        const deleted = await app.send(anEvent('DELETE', `/users/${userId}`).by(by).build());
        const reborn = await app.send(
          anEvent('POST', '/users')
            .by(by)
            .withJson({ ...profileBody, lastName: 'SecondLife' })
            .build(),
        );
        const responses = await updates;

        // Assess: what is stored is the second life, whatever landed in between.
        expect([deleted.status, reborn.status]).toEqual([204, 201]);
        const secondIncarnation = /^"\d+\.([a-z0-9]+)"$/.exec(reborn.headers['ETag']!)?.[1];
        const stored = JSON.parse((await app.rawItem(userId)) ?? '{}') as Record<string, { S?: string }>;
        outcomes.push({
          resurrected: [
            stored.lastName?.S !== 'SecondLife' && 'lastName',
            stored.phoneNumber?.S !== CANARY.phoneNumber && 'phoneNumber',
            stored.incarnation?.S !== secondIncarnation && 'incarnation',
          ].filter((field): field is string => field !== false),
          firstLifeEtagAcceptedLater: responses.filter(
            (response, writer) =>
              writer % 2 === 0 &&
              response.status === 200 &&
              String(response.headers['ETag']).endsWith(`.${secondIncarnation}"`),
          ).length,
          serverErrors: responses.filter((response) => response.status >= 500).length,
        });
      }
    } finally {
      slowReader.destroy();
    }
    const resurrected = outcomes.reduce((sum, outcome) => sum + outcome.resurrected.length, 0);
    figures.push(`  delete + re-create inside ${WRITERS} updates: ${TRIALS} trials, resurrected fields ${resurrected}`);
    expect(outcomes).toEqual(
      Array.from({ length: TRIALS }, () => ({ resurrected: [], firstLifeEtagAcceptedLater: 0, serverErrors: 0 })),
    );
  }, 180_000);

  it(`${WRITERS} concurrent creates of the same profile: exactly one 201, the rest 409`, async () => {
    const outcomes: { created: number; conflicts: number; stored: number }[] = [];
    for (let trial = 0; trial < 10; trial += 1) {
      // Prepare
      const userId = `race-create-${trial}`;

      // Act
      const responses = await Promise.all(
        Array.from({ length: WRITERS }, (_, writer) =>
          app.send(
            anEvent('POST', '/users')
              .by({ sub: userId, email: CANARY.email })
              .withJson({ ...profileBody, firstName: `Creator${writer}` })
              .build(),
          ),
        ),
      );

      // Assess
      const winner = responses.find((response) => response.status === 201);
      const stored = JSON.parse((await app.rawItem(userId)) ?? '{}') as Record<string, { S?: string }>;
      outcomes.push({
        created: responses.filter((response) => response.status === 201).length,
        conflicts: responses.filter((response) => response.status === 409).length,
        stored: stored.firstName?.S === winner?.body?.firstName ? 1 : 0,
      });
    }
    figures.push(
      `  same create: 10 trials x ${WRITERS} creators, 201s per trial ${JSON.stringify([...new Set(outcomes.map((o) => o.created))])}`,
    );
    expect(outcomes).toEqual(Array.from({ length: 10 }, () => ({ created: 1, conflicts: WRITERS - 1, stored: 1 })));
  }, 120_000);

  it('logged no personal data or token', () => {
    const scan = running.logs.scanner.scan();
    expect(scan.lines).toBeGreaterThan(TRIALS * WRITERS);
    expect({ hits: scan.hits, samples: scan.samples }).toEqual({ hits: 0, samples: [] });
  });
});
