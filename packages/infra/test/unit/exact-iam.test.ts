import type { IConstruct } from 'constructs';
import { ROUTES, type RemotePart, type RouteDefinition } from '@userprofile/http-lambda/routes';

import { signsCursors } from '../../src/constructs/cursor-secret';
import type { UserProfileStack } from '../../src/user-profile-stack';
import { synthesizedApp } from '../support/synthesized-app';
import { logicalIdOf as templateLogicalId } from '../support/logical-id';

// Part 8 of issue 12: each function may do exactly what it calls, on exactly what it touches.
// Bundling is skipped (`aws:cdk:bundling-stacks`): permissions do not depend on the code bundles.

type Resource = { Type: string; Properties: Record<string, unknown> };
interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

const app = synthesizedApp();
let stack: UserProfileStack;
let all: Record<string, Resource>;

beforeAll(() => {
  stack = app.stack;
  all = app.template.toJSON().Resources as Record<string, Resource>;
});

const logicalId = (construct: IConstruct): string => templateLogicalId(stack, construct);

/** Every `action resource` pair a role is allowed, from its inline, attached and managed policies. */
function grantsOf(roleId: string): string[] {
  const role = all[roleId];
  if (!role) throw new Error(`no role ${roleId} in the template`);
  const managed = (role.Properties.ManagedPolicyArns as unknown[] | undefined) ?? [];
  if (managed.length > 0) throw new Error(`role ${roleId} has managed policies: ${JSON.stringify(managed)}`);
  const inline = (
    (role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? []
  ).flatMap((policy) => policy.PolicyDocument.Statement);
  const attached = Object.values(all)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  return [...inline, ...attached].flatMap((statement) => {
    if (statement.Effect !== 'Allow' || statement.Condition !== undefined) {
      throw new Error(`role ${roleId}: unexpected statement ${JSON.stringify(statement)}`);
    }
    return [statement.Action]
      .flat()
      .flatMap((action) => [statement.Resource].flat().map((resource) => `${action} ${JSON.stringify(resource)}`));
  });
}

/** `…:log-group:{audit group}:log-stream:{functionName}/*`, as the template writes it. */
const auditStreamsArn = (functionId: string): unknown =>
  stack.resolve(stack.auditLog.streamsArnOf(all[functionId]?.Properties.FunctionName as string));

/** The audit group's ARN in both forms `LogGroup.grant` names it: with its streams' `:*` and without. */
const auditGroupArns = (): unknown[] => {
  const groupId = logicalId(stack.auditLog.logGroup);
  const partition = { Ref: 'AWS::Partition' };
  const [region, account] = [{ Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }];
  return [
    { 'Fn::GetAtt': [groupId, 'Arn'] },
    { 'Fn::Join': ['', ['arn:', partition, ':logs:', region, ':', account, ':log-group:', { Ref: groupId }]] },
  ];
};

const reaches = (rows: readonly RouteDefinition[], part: RemotePart): boolean =>
  rows.some((row) => row.parts.includes(part));

const pairs = (actions: readonly string[], resource: unknown): string[] =>
  actions.map((action) => `${action} ${JSON.stringify(resource)}`);

describe('exact IAM of every function', () => {
  it('gives every Lambda function in the template exactly its route rows’ actions on exactly their resources', () => {
    // Prepare
    const tableArn = { 'Fn::GetAtt': [logicalId(stack.data.table), 'Arn'] };
    const indexArn = { 'Fn::Join': ['', [tableArn, `/index/${stack.data.emailIndexName}`]] };
    // The settings the functions read by name: every one but the table name (from their environment).
    const settingArns = Object.entries(stack.data.parameters)
      .filter(([setting]) => setting !== 'tableName')
      .map(([, parameter]) => stack.resolve(parameter.parameterArn) as unknown);
    const byFunctionId = new Map(
      [...stack.service.functions.values()].map((fn) => [logicalId(fn.function), fn] as const),
    );
    const functionIds = Object.entries(all)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
      .map(([id]) => id);
    expect(functionIds.length).toBeGreaterThan(0);

    const idempotencyTableArn = { 'Fn::GetAtt': [logicalId(stack.idempotency.table), 'Arn'] };
    const cursorSecretArn = { Ref: logicalId(stack.cursorSecret.secret) };
    const endUsersPoolArn = { 'Fn::GetAtt': [logicalId(stack.service.auth.userPool), 'Arn'] };
    const eventBusArn = { 'Fn::GetAtt': [logicalId(stack.events.eventBus), 'Arn'] };
    const pseudonymSecretArn = { Ref: logicalId(stack.pseudonymSecret.secret) };
    // The stream function's exact set is held by profile-events.test.ts, beside its construct.
    const publisherId = logicalId(stack.events.publisher.function);
    // The user pool triggers' exact sets are held by user-pool-triggers.test.ts, beside theirs.
    const triggerIds = [...stack.userPoolTriggers.functions.values()].map((fn) => logicalId(fn.function));

    for (const functionId of functionIds.filter((id) => id !== publisherId && !triggerIds.includes(id))) {
      const fn = byFunctionId.get(functionId);
      // A new function needs its own exact set here before it can ship.
      if (!fn) throw new Error(`function ${functionId} has no expected permission set in exact-iam.test.ts`);
      const rows = ROUTES.filter((route) => route.functionName === fn.routes[0]?.functionName);
      const expected = [
        ...pairs(['logs:CreateLogStream', 'logs:PutLogEvents'], { 'Fn::GetAtt': [logicalId(fn.logGroup), 'Arn'] }),
        // X-Ray has no resource-level permissions: `*` is the only resource it accepts.
        ...pairs(['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], '*'),
        ...pairs([...new Set(rows.flatMap((row) => row.tableActions))], tableArn),
        ...pairs([...new Set(rows.flatMap((row) => row.indexActions))], indexArn),
        ...settingArns.flatMap((arn) => pairs(['ssm:GetParameters'], arn)),
        // Every function audits (deletes and administrators' actions reach all of them), in its own streams only.
        ...pairs(['logs:CreateLogStream', 'logs:PutLogEvents'], auditStreamsArn(functionId)),
        ...(rows.some((row) => row.idempotent)
          ? pairs(
              ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
              idempotencyTableArn,
            )
          : []),
        ...(signsCursors(rows) ? pairs(['secretsmanager:GetSecretValue'], cursorSecretArn) : []),
        // Forgetting stored responses: a scope's records on the table, a user's on the subject index.
        ...(reaches(rows, 'storedResponses')
          ? [
              ...pairs(['dynamodb:Query', 'dynamodb:BatchWriteItem'], idempotencyTableArn),
              ...pairs(['dynamodb:Query'], { 'Fn::Join': ['', [idempotencyTableArn, '/index/subject-index']] }),
            ]
          : []),
        // An erasure: the end users' pool only (never the administrators'), and the profile events' bus.
        ...(reaches(rows, 'accountDirectory') ? pairs(['cognito-idp:AdminDeleteUser'], endUsersPoolArn) : []),
        ...(reaches(rows, 'eventBus') ? pairs(['events:PutEvents'], eventBusArn) : []),
        // Every function pseudonymises its audit records' targets.
        ...pairs(['secretsmanager:GetSecretValue'], pseudonymSecretArn),
        // An export reads one caller's idempotency records and searches the audit group, nothing more.
        ...(rows.some((row) => row.parts.includes('idempotencyRecordsRead'))
          ? pairs(['dynamodb:Query'], idempotencyTableArn)
          : []),
        ...(rows.some((row) => row.parts.includes('auditTrailSearch'))
          ? auditGroupArns().flatMap((arn) => pairs(['logs:FilterLogEvents'], arn))
          : []),
      ];
      const roleId = (all[functionId]?.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

      // Assess
      expect({ functionId, grants: grantsOf(roleId).sort() }).toEqual({ functionId, grants: expected.sort() });
    }
  });

  it.each([
    ['ListUserProfiles', 'dynamodb:Scan', 'the table'],
    ['SearchUserProfiles', 'dynamodb:Query', 'the email index'],
    ['EraseUserAccount', 'dynamodb:DeleteItem', 'the table'],
  ])('lets %s do %s on %s and nothing else on the profile table', (functionName, action, on) => {
    // Prepare: what dynamodb-user-profile-repository.ts calls: Scan on the table to list,
    // Query on the email index to look up
    const fn = stack.service.functions.get(functionName);
    if (!fn) throw new Error(`no ${functionName} function`);
    const tableArn = { 'Fn::GetAtt': [logicalId(stack.data.table), 'Arn'] };
    const resource = on === 'the table' ? tableArn : { 'Fn::Join': ['', [tableArn, '/index/email-index']] };
    const onProfileTable = grantsOf(logicalId(fn.role)).filter((grant) => grant.includes(JSON.stringify(tableArn)));

    // Assess
    expect(onProfileTable).toEqual([`${action} ${JSON.stringify(resource)}`]);
  });

  it("lets the erasure delete accounts in the end users' pool and nothing in the administrators' pool", () => {
    // Prepare
    const erasure = stack.service.functions.get('EraseUserAccount');
    if (!erasure) throw new Error('no EraseUserAccount function');
    const cognitoGrants = grantsOf(logicalId(erasure.role)).filter((grant) => grant.startsWith('cognito-idp:'));
    const pool = (construct: IConstruct) => JSON.stringify({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });

    // Assess
    expect(cognitoGrants).toEqual([`cognito-idp:AdminDeleteUser ${pool(stack.service.auth.userPool)}`]);
    const environment = all[logicalId(erasure.function)]?.Properties.Environment as { Variables: object };
    expect(environment.Variables).toMatchObject({ USER_POOL_ID: { Ref: logicalId(stack.service.auth.userPool) } });
    for (const fn of stack.service.functions.values()) {
      expect(
        grantsOf(logicalId(fn.role)).filter((grant) => grant.includes(pool(stack.service.auth.adminPool.userPool))),
      ).toEqual([]);
    }
  });

  it('grants no wildcard resource beyond X-Ray’s and its own audit streams’, and no SSM action but GetParameters', () => {
    for (const fn of stack.service.functions.values()) {
      const grants = grantsOf(logicalId(fn.role));
      const ownStreams = JSON.stringify(auditStreamsArn(logicalId(fn.function)));
      expect(
        grants.filter((grant) => grant.includes('*') && !grant.startsWith('xray:') && !grant.endsWith(ownStreams)),
      ).toEqual([]);
      expect(grants.filter((grant) => grant.startsWith('ssm:') && !grant.startsWith('ssm:GetParameters '))).toEqual([]);
    }
  });
});
