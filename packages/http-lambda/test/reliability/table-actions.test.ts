import { ROUTES } from '../../src/routes';
import { anEvent, type Caller } from '../unit/support/api-gateway-event.mother';
import { ADMIN } from '../unit/support/expectations';
import { useStoreApp } from './support/store-app';

/*
 * The route table's `tableActions` (on the table) and `indexActions` (on its email index) become
 * each function's IAM policy. This walks every route
 * through the real repository on dynalite, on its success path and on each failure path that
 * may take another call (not found, stale If-Match, an item the original stack wrote), and
 * records what the function really sends. A call the row does not grant would be refused in
 * AWS (AccessDenied: a 500 no local test shows); a grant no path uses is more than it needs.
 */

const OWNER: Caller = { sub: 'actions-owner', email: 'owner@example.com' };
const PROFILE = { email: OWNER.email!, firstName: 'Ada', lastName: 'Lovelace' };
const LEGACY_ITEM = { userId: 'actions-legacy', email: 'Legacy@Example.com', updatedAt: '2024-05-01T10:00:00.123456' };

describe('the route table grants each function exactly the table actions it sends', () => {
  const sentBy = new Map<string, Set<string>>();

  const running = useStoreApp();
  const app = running.app;

  /** Sends the request and files what it made the repository send under the route's function. */
  const send = async (method: string, path: string, build: (event: ReturnType<typeof anEvent>) => unknown) => {
    const event = anEvent(method, path);
    build(event);
    const built = event.build();
    app.takeSentActions();
    const response = await app.send(built);
    const route = ROUTES.find((row) => row.method === method && row.path === built.resource);
    if (!route) throw new Error(`no route serves ${method} ${path}`);
    const actions = sentBy.get(route.functionName) ?? new Set<string>();
    for (const action of app.takeSentActions()) actions.add(action);
    sentBy.set(route.functionName, actions);
    return response;
  };

  it('walks every route through its success and failure paths', async () => {
    // Act: create, then the same again (409)
    expect((await send('POST', '/users', (e) => e.by(OWNER).withJson(PROFILE))).status).toBe(201);
    expect((await send('POST', '/users', (e) => e.by(OWNER).withJson(PROFILE))).status).toBe(409);
    // read, and read a missing profile
    const read = await send('GET', '/users/me', (e) => e.by(OWNER));
    expect(read.status).toBe(200);
    expect((await send('GET', '/users/nobody', (e) => e.by(ADMIN))).status).toBe(404);
    // update: current, stale, missing, and an item in the original stack's shape
    const etag = read.headers['ETag']!;
    for (const method of ['PUT', 'PATCH']) {
      expect((await send(method, '/users/me', (e) => e.by(OWNER).withJson({ firstName: method }))).status).toBe(200);
      const stale = await send(method, '/users/me', (e) => e.by(OWNER).withJson({ lastName: 'X' }).ifMatch(etag));
      expect(stale.status).toBe(412);
      expect((await send(method, '/users/nobody', (e) => e.by(ADMIN).withJson({ lastName: 'X' }))).status).toBe(404);
      await app.putRawItem({ ...LEGACY_ITEM, userId: `${LEGACY_ITEM.userId}-${method}` });
      const legacy = await send(method, `/users/${LEGACY_ITEM.userId}-${method}`, (e) =>
        e.by(ADMIN).withJson({ firstName: 'Grace' }),
      );
      expect(legacy.status).toBe(200);
    }
    // export, with and without a profile (its idempotency records and audit trail are other parts)
    expect((await send('GET', '/users/me/export', (e) => e.by(OWNER))).status).toBe(200);
    expect((await send('GET', '/users/nobody/export', (e) => e.by(ADMIN))).status).toBe(200);
    // list and look up
    expect((await send('GET', '/users', (e) => e.by(ADMIN))).status).toBe(200);
    expect((await send('POST', '/users/search', (e) => e.by(ADMIN).withJson({ email: OWNER.email }))).status).toBe(200);
    // delete: stale, missing, then for real
    expect((await send('DELETE', '/users/me', (e) => e.by(OWNER).ifMatch(etag))).status).toBe(412);
    expect((await send('DELETE', '/users/nobody', (e) => e.by(ADMIN))).status).toBe(404);
    expect((await send('DELETE', '/users/me', (e) => e.by(OWNER))).status).toBe(204);
    // erase: an account with a profile, then one without (both 204)
    const erased: Caller = { sub: 'actions-erased', email: 'erased@example.com' };
    expect(
      (await send('POST', '/users', (e) => e.by(erased).withJson({ ...PROFILE, email: erased.email }))).status,
    ).toBe(201);
    expect((await send('DELETE', '/users/me/account', (e) => e.by(erased))).status).toBe(204);
    expect((await send('DELETE', '/users/nobody/account', (e) => e.by(ADMIN))).status).toBe(204);

    // Assess: every function was walked, and sent exactly what its rows grant
    const functionNames = [...new Set(ROUTES.map((route) => route.functionName))];
    expect([...sentBy.keys()].sort()).toEqual([...functionNames].sort());
    for (const functionName of functionNames) {
      const rows = ROUTES.filter((r) => r.functionName === functionName);
      const granted = new Set([
        ...rows.flatMap((r) => r.tableActions),
        ...rows.flatMap((r) => r.indexActions.map((action) => `${action} on index`)),
      ]);
      expect({ functionName, sent: [...sentBy.get(functionName)!].sort() }).toEqual({
        functionName,
        sent: [...granted].sort(),
      });
    }
  });
});
