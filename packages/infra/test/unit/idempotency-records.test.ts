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
    '%s may use the idempotency table, and knows it, exactly when it serves an idempotent write, forgets stored responses or exports them',
    (functionName) => {
      // Prepare
      const all = dev.template.toJSON().Resources as Resources;
      const fn = dev.stack.service.functions.get(functionName);
      if (!fn) throw new Error(`no function ${functionName}`);
      const serves = ROUTES.filter((route) => route.functionName === functionName);
      const writes = serves.some((route) => route.idempotent);
      const forgets = serves.some((route) => route.parts.includes('storedResponses'));
      const reads = serves.some((route) => route.parts.includes('idempotencyRecordsRead'));
      const tableId = logicalId(dev.stack.idempotency.table);
      const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
      const roleId = logicalId(fn.role as never);
      const environment = (
        all[logicalId(fn.function)]?.Properties.Environment as { Variables: Record<string, unknown> }
      ).Variables;
      const grants = Object.values(all)
        .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roleId))
        .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
        .filter((s) => JSON.stringify(s.Resource).includes(tableId))
        .flatMap((s) => [s.Action].flat().map((action) => `${action} ${JSON.stringify(s.Resource)}`));
      const on = (actions: string[], resource: unknown) => actions.map((a) => `${a} ${JSON.stringify(resource)}`);

      // Assess
      expect(grants.sort()).toEqual(
        [
          ...(writes
            ? on(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], tableArn)
            : []),
          ...(forgets ? on(['dynamodb:BatchWriteItem', 'dynamodb:Query'], tableArn) : []),
          ...(forgets ? on(['dynamodb:Query'], { 'Fn::Join': ['', [tableArn, '/index/subject-index']] }) : []),
          // An export reads one caller's records: Query on the table alone.
          ...(reads ? on(['dynamodb:Query'], tableArn) : []),
        ].sort(),
      );
      expect(environment.IDEMPOTENCY_TABLE_NAME).toEqual(writes || forgets || reads ? { Ref: tableId } : undefined);
      if (!writes) {
        expect(environment.IDEMPOTENCY_IN_FLIGHT_SECONDS).toBeUndefined();
        return;
      }
      const timeout = all[logicalId(fn.function)]?.Properties.Timeout;
      expect(environment.IDEMPOTENCY_IN_FLIGHT_SECONDS).toBe(String(timeout));
      expect(environment.IDEMPOTENCY_REPLAY_SECONDS).toBe('86400');
    },
  );

  it('indexes the stored responses by the user they carry (keys only), so that a delete finds an admin’s too', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'user-profile-idempotency-dev',
      GlobalSecondaryIndexes: [
        {
          IndexName: 'subject-index',
          KeySchema: [{ AttributeName: 'subject', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
  });
});
