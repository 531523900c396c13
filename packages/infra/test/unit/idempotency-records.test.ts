import type { IConstruct } from 'constructs';
import { IDEMPOTENCY_TABLE } from '@userprofile/adapters-aws';
import { ROUTES } from '@userprofile/http-lambda/routes';

import { synthesizedApp } from '../support/synthesized-app';
import { logicalIdOf as templateLogicalId } from '../support/logical-id';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
type Statement = { Action: string | string[]; Resource: unknown };

const dev = synthesizedApp();

const logicalId = (construct: IConstruct): string => templateLogicalId(dev.stack, construct);

describe('the idempotency table', () => {
  it('is user-profile-idempotency-{env}, keyed by caller and key, on demand, with TTL on expiresAt', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'user-profile-idempotency-dev',
      KeySchema: [
        { AttributeName: IDEMPOTENCY_TABLE.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: IDEMPOTENCY_TABLE.sortKey.name, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: IDEMPOTENCY_TABLE.ttlAttribute, Enabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });
});

describe('each function of the route table', () => {
  const functionNames = [...new Set(ROUTES.map((route) => route.functionName))];

  it.each(functionNames)(
    '%s may use the idempotency table, and knows it, exactly as its rows need: a write all four item calls, an export Query alone',
    (functionName) => {
      // Prepare
      const all = dev.template.toJSON().Resources as Resources;
      const fn = dev.stack.service.functions.get(functionName);
      if (!fn) throw new Error(`no function ${functionName}`);
      const serves = ROUTES.filter((route) => route.functionName === functionName);
      const writes = serves.some((route) => route.idempotent);
      const reads = serves.some((route) => route.parts.includes('idempotencyRecordsRead'));
      const tableId = logicalId(dev.stack.idempotency.table);
      const roleId = logicalId(fn.role as never);
      const environment = (
        all[logicalId(fn.function)]?.Properties.Environment as { Variables: Record<string, unknown> }
      ).Variables;
      const statements = Object.values(all)
        .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roleId))
        .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
        .filter((s) => JSON.stringify(s.Resource).includes(tableId));

      // Assess
      if (!writes && reads) {
        expect(statements).toEqual([
          { Effect: 'Allow', Action: 'dynamodb:Query', Resource: { 'Fn::GetAtt': [tableId, 'Arn'] } },
        ]);
        expect(environment.IDEMPOTENCY_TABLE_NAME).toEqual({ Ref: tableId });
        expect(environment.IDEMPOTENCY_IN_FLIGHT_SECONDS).toBeUndefined();
        return;
      }
      if (!writes) {
        expect(statements).toEqual([]);
        expect(environment.IDEMPOTENCY_TABLE_NAME).toBeUndefined();
        return;
      }
      expect(statements.flatMap((s) => [s.Action].flat()).sort()).toEqual([
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ]);
      expect(statements.map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [tableId, 'Arn'] }]);
      expect(environment.IDEMPOTENCY_TABLE_NAME).toEqual({ Ref: tableId });
      const timeout = all[logicalId(fn.function)]?.Properties.Timeout;
      expect(environment.IDEMPOTENCY_IN_FLIGHT_SECONDS).toBe(String(timeout));
      expect(environment.IDEMPOTENCY_REPLAY_SECONDS).toBe('86400');
    },
  );
});
