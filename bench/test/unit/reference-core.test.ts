import { auditRecordOf } from '../../../packages/http-lambda/src/audit/audit-policy';
import { ROUTES } from '../../../packages/http-lambda/src/routes';
import { referenceAuditRecordOf, referenceWorkOf } from '../../cold-start/reference-core';
import { apiGatewayEvent, BENCH_ADMIN_ISSUER } from '../../lib/events';
import { exampleOf } from '../../lib/route-examples';

/**
 * The cold-start ratios are only honest while the same-work reference does what the shipped
 * functions do: these hold it to the route table and to the shipped audit policy, so that a new
 * route or a change of policy fails here rather than skewing a 7-minute bench run.
 */
describe('the cold-start reference', () => {
  const ADMIN_ISSUER = 'ADMIN_ISSUER';
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env[ADMIN_ISSUER];
    process.env[ADMIN_ISSUER] = BENCH_ADMIN_ISSUER;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env[ADMIN_ISSUER];
    else process.env[ADMIN_ISSUER] = saved;
  });

  it('has work written for every route of the table', () => {
    // Act
    const missing = ROUTES.filter((route) => referenceWorkOf(route) === undefined).map(
      (route) => `${route.method} ${route.path}`,
    );

    // Assess
    expect(missing).toEqual([]);
  });

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'writes an audit record for %s exactly when the shipped policy does, naming the same target',
    (_, route) => {
      // The request the bench sends, by an owner or an administrator.
      const { body } = exampleOf(route);
      for (const caller of [
        { sub: 'owner-1', admin: false, userId: 'me' },
        { sub: 'admin-1', admin: true, userId: 'me' },
        { sub: 'admin-1', admin: true, userId: 'someone-else' },
      ]) {
        // Prepare
        const event = apiGatewayEvent({
          method: route.method,
          resource: route.path,
          sub: caller.sub,
          admin: caller.admin,
          ...(route.path.includes('{userId}') && { userId: caller.userId }),
          ...(body && { body }),
        });
        const actor = { userId: caller.sub, isAdmin: caller.admin };

        // Act
        const shipped = auditRecordOf({
          event,
          actor,
          requestId: event.requestContext.requestId,
          time: new Date(),
          target: route.audit,
          everyCall: 'auditEveryCall' in route && route.auditEveryCall === true,
        });
        const reference = referenceAuditRecordOf(event);

        // Assess
        expect({ caller, target: reference?.target }).toEqual({ caller, target: shipped?.target });
      }
    },
  );
});
