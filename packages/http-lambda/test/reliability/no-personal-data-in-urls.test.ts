import 'reflect-metadata';

import {
  CANARY,
  captureProcessLogs,
  startDynalite,
  UserProfileMother,
  type RunningDynalite,
} from '@userprofile/testing';

import { declaredFieldsOf } from '../../src/dto/validate-dto';
import { QUERY_DTOS } from '../../src/openapi/dto-classes';
import { ROUTES } from '../../src/routes';
import { anEvent } from '../unit/support/api-gateway-event.mother';
import { ADMIN } from '../unit/support/expectations';
import { createStoreApp, type StoreApp } from './support/store-app';

/** What a URL may carry: a profile's id (the identity provider's opaque `sub`) and paging. */
const ALLOWED_PATH_PARAMETERS = ['userId'];
const ALLOWED_QUERY_PARAMETERS = ['cursor', 'limit'];
/** Profile fields that identify a person by value: none may ever be a URL part. */
const PERSONAL_FIELDS = ['email', 'firstName', 'lastName', 'phoneNumber'];

describe('no route takes personal data in its URL (issue 12: emails out of URLs)', () => {
  describe('the route table', () => {
    it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
      '%s: path parameters are ids only, query parameters paging only',
      (_key, route) => {
        // Prepare
        const pathParameters = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
        const literalSegments = route.path.split('/').filter((segment) => segment !== '' && !segment.startsWith('{'));
        const queryParameters = route.query === null ? [] : [...declaredFieldsOf(QUERY_DTOS[route.query])].sort();

        // Assess
        expect(pathParameters.filter((name) => !ALLOWED_PATH_PARAMETERS.includes(name))).toEqual([]);
        expect(literalSegments.filter((segment) => PERSONAL_FIELDS.includes(segment))).toEqual([]);
        expect(queryParameters.filter((name) => !ALLOWED_QUERY_PARAMETERS.includes(name))).toEqual([]);
      },
    );

    it('lists with limit and cursor only, and looks up by email in a body', () => {
      // Prepare
      const list = ROUTES.find((route) => route.functionName === 'ListUserProfiles')!;
      const search = ROUTES.find((route) => route.functionName === 'SearchUserProfiles')!;

      // Assess
      expect([...declaredFieldsOf(QUERY_DTOS[list.query!])].sort()).toEqual(ALLOWED_QUERY_PARAMETERS);
      expect({ method: search.method, path: search.path, body: search.body, query: search.query }).toEqual({
        method: 'POST',
        path: '/users/search',
        body: 'SearchUserProfilesBody',
        query: null,
      });
      // Each function can do exactly its own reads: the list scans, the lookup queries the index.
      expect(list.tableActions).toEqual(['dynamodb:Scan']);
      expect([search.tableActions, search.indexActions]).toEqual([[], ['dynamodb:Query']]);
    });
  });

  describe('over the real repository on dynalite', () => {
    let store: RunningDynalite;
    let app: StoreApp;
    let logs: ReturnType<typeof captureProcessLogs>;
    const sharing = Array.from({ length: 7 }, () => UserProfileMother.create({ email: CANARY.email }));

    beforeAll(async () => {
      store = await startDynalite();
      app = await createStoreApp(store.endpoint);
      logs = captureProcessLogs();
      const admin = anEvent('POST', '/users').by(ADMIN);
      for (const profile of [...sharing, UserProfileMother.create(), UserProfileMother.create()]) {
        const { userId, email, firstName, lastName, phoneNumber } = profile.toPrimitives();
        const created = await app.send(
          admin.withJson({ userId, email, firstName, lastName, ...(phoneNumber && { phoneNumber }) }).build(),
        );
        expect(created.status).toBe(201);
      }
    }, 60_000);

    afterAll(async () => {
      logs?.stop();
      app?.destroy();
      await store?.stop();
    });

    const search = (body: unknown, caller: { sub: string; groups?: string } = ADMIN) =>
      app.send(anEvent('POST', '/users/search').by(caller).withJson(body).build());

    it('pages an admin through every profile sharing an email, each once, never more than `limit` a page', async () => {
      // Act
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const response = await search({ email: CANARY.emailMixedCase, limit: 3, ...(cursor !== null && { cursor }) });
        expect(response.status).toBe(200);
        const items = response.body?.items as { userId: string; email: string }[];
        expect(items.length).toBeLessThanOrEqual(3);
        expect(items.every((item) => item.email === CANARY.email)).toBe(true);
        pages.push(items.map((item) => item.userId));
        cursor = response.body?.nextCursor as string | null;
        if (cursor !== null) expect(cursor.toLowerCase()).not.toContain('canary');
      } while (cursor !== null && pages.length < 20);

      // Assess
      expect(pages.length).toBeGreaterThan(1);
      expect(pages.flat().sort()).toEqual(sharing.map((profile) => profile.userId).sort());
    });

    it('refuses the lookup to a non-admin, even of their own email', async () => {
      // Act
      const response = await search({ email: CANARY.email }, { sub: sharing[0]!.userId });

      // Assess
      expect(response.status).toBe(403);
      expect(response.body?.type).toBe('/problems/forbidden');
      expect(response.raw.body.toLowerCase()).not.toContain('canary');
    });

    it.each([
      ['alone', { email: CANARY.email }],
      ['mixed case', { email: CANARY.emailMixedCase }],
      ['with paging', { email: CANARY.email, limit: '2' }],
    ])('answers the old form GET /users?email= (%s) 400 lookup-moved, naming POST /users/search', async (_c, query) => {
      // Act
      const response = await app.send(anEvent('GET', '/users').by(ADMIN).withQuery(query).build());

      // Assess
      expect(response.status).toBe(400);
      expect(response.headers['Content-Type']).toBe('application/problem+json');
      expect(response.body).toMatchObject({ type: '/problems/lookup-moved', status: 400 });
      expect(response.body?.detail).toContain('POST /users/search');
      expect(response.raw.body.toLowerCase()).not.toContain('canary');
    });

    it.each([
      ['firstName', CANARY.firstName],
      ['phoneNumber', CANARY.phoneNumber],
      ['q', CANARY.email],
    ])(
      'refuses any other list query parameter (%s=) with a 400 that names its position, never its name or value',
      async (name, value) => {
        // Act
        const response = await app.send(
          anEvent('GET', '/users')
            .by(ADMIN)
            .withQuery({ [name]: value })
            .build(),
        );

        // Assess
        expect(response.status).toBe(400);
        // The one parameter sent, named by its position: a problem never repeats the client's text.
        expect(response.body?.errors).toEqual([{ field: '#1', message: expect.any(String) }]);
        expect(response.raw.body.toLowerCase()).not.toContain(value.toLowerCase());
      },
    );

    it('wrote none of the emails, names or phone numbers of these requests to a log line', () => {
      // Assess
      const scan = logs.scanner.scan();
      expect(scan.lines).toBeGreaterThan(0);
      expect({ hits: scan.hits, samples: scan.samples }).toEqual({ hits: 0, samples: [] });
    });
  });
});
