import { MAX_BODY_BYTES } from '@userprofile/http-lambda/contract';
import { ROUTES } from '@userprofile/http-lambda/routes';

import { KEY_ADMIN_ACTIONS } from '../../src/constructs/key-policy';
import type { UserProfileStack } from '../../src/user-profile-stack';
import { synthesizedApp } from '../support/synthesized-app';
import { logicalIdOf as templateLogicalId } from '../support/logical-id';

// Issue 32, items 1 and 4: keys that name who may use them, an audit stream per function, WAF
// logging, the body-size rule at the edge, and the security headers on the gateway's answers.
// Bundling is skipped (`aws:cdk:bundling-stacks`): none of this depends on the code bundles.

type Resource = { Type: string; Properties: Record<string, unknown> };
interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Principal?: { AWS?: unknown; Service?: unknown };
  readonly Condition?: Record<string, Record<string, unknown>>;
}

type WafAction = { Block?: { CustomResponse?: { ResponseCode: number; CustomResponseBodyKey: string } } };

const app = synthesizedApp();
let stack: UserProfileStack;
let all: Record<string, Resource>;

beforeAll(() => {
  stack = app.stack;
  all = app.template.toJSON().Resources as Record<string, Resource>;
});

const logicalId = (construct: Parameters<typeof templateLogicalId>[1]): string => templateLogicalId(stack, construct);
const ofType = (type: string): Resource[] => Object.values(all).filter((r) => r.Type === type);
const actionsOf = (statement: Statement): string[] => [statement.Action].flat();
const keyStatements = (keyId: string): Statement[] =>
  (all[keyId]?.Properties.KeyPolicy as { Statement: Statement[] }).Statement;
const roleArn = (roleId: string) => ({ 'Fn::GetAtt': [roleId, 'Arn'] });
const isRoot = (statement: Statement): boolean => JSON.stringify(statement.Principal?.AWS ?? '').includes(':root');
/** The statements of the role's policies. */
const roleStatements = (roleId: string): Statement[] =>
  ofType('AWS::IAM::Policy')
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);

const functionNames = [...new Set(ROUTES.map((route) => route.functionName))];

describe('the customer-managed keys', () => {
  it('give the account root key administration only: no kms:*, and no use of the key, on any key', () => {
    // Prepare
    const keys = ofType('AWS::KMS::Key');

    // Assess
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const key of keys) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
      const forRoot = (key.Properties.KeyPolicy as { Statement: Statement[] }).Statement.filter(isRoot);
      expect(forRoot).toHaveLength(1);
      expect(actionsOf(forRoot[0]!).sort()).toEqual([...KEY_ADMIN_ACTIONS].sort());
      expect(
        actionsOf(forRoot[0]!).filter((a) => /^kms:(\*|Decrypt|Encrypt|ReEncrypt|GenerateDataKey)/.test(a)),
      ).toEqual([]);
    }
  });

  it('encrypt the profile table and the idempotency table with the data key', () => {
    const dataKey = { 'Fn::GetAtt': [logicalId(stack.dataKey.key), 'Arn'] };
    for (const table of [stack.data.table, stack.idempotency.table]) {
      expect(all[logicalId(table)]?.Properties.SSESpecification).toEqual({
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: dataKey,
      });
    }
  });

  it('the data key names each function that reads or writes a table, and the stream reader, through DynamoDB only', () => {
    // Prepare
    const statements = keyStatements(logicalId(stack.dataKey.key)).filter((st) => !isRoot(st));
    const byRole = (roleId: string) =>
      statements.filter((st) => JSON.stringify(st.Principal) === JSON.stringify({ AWS: roleArn(roleId) }));

    // Assess
    const tableUsers = [...stack.service.functions.values(), ...stack.userPoolTriggers.functions.values()];
    for (const fn of tableUsers) {
      const [grant, ...more] = byRole(logicalId(fn.role));
      expect(more).toEqual([]);
      expect(actionsOf(grant!)).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*']));
      expect(JSON.stringify(grant?.Condition?.StringEquals?.['kms:ViaService'])).toContain('dynamodb.');
    }
    const [stream] = byRole(logicalId(stack.events.publisher.role));
    expect(actionsOf(stream!).sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
    expect(JSON.stringify(stream?.Condition?.StringEquals?.['kms:ViaService'])).toContain('dynamodb.');
    const [maintenance, ...moreMaintenance] = byRole(logicalId(stack.tableMaintainer.role));
    expect(moreMaintenance).toEqual([]);
    expect(JSON.stringify(maintenance?.Condition?.StringEquals?.['kms:ViaService'])).toContain('dynamodb.');
    // Nobody else: the function roles (routes and triggers), the stream reader, the maintainer, and
    // DynamoDB describing its key.
    const named = [...tableUsers.map((fn) => fn.role), stack.events.publisher.role, stack.tableMaintainer.role].map(
      (role) => JSON.stringify({ AWS: roleArn(logicalId(role)) }),
    );
    const others = statements.filter(
      (st) => !named.includes(JSON.stringify(st.Principal)) && st.Principal?.Service !== 'dynamodb.amazonaws.com',
    );
    expect(others).toEqual([]);
  });

  it('lets operators into the profile table only through the maintainer role: assumed with MFA, what pnpm migrate calls', () => {
    // Prepare
    const roleId = logicalId(stack.tableMaintainer.role);
    const trust = all[roleId]?.Properties.AssumeRolePolicyDocument as { Statement: Statement[] };

    // Assess
    expect(trust.Statement).toEqual([
      expect.objectContaining({ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
    ]);
    expect(roleStatements(roleId).flatMap(actionsOf).sort()).toEqual([
      'cognito-idp:ListUsers',
      'dynamodb:DeleteItem',
      'dynamodb:DescribeTable',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Scan',
      // The pseudonym key: its report names legacy ids by the audit trail's pseudonyms.
      'secretsmanager:GetSecretValue',
    ]);
  });

  it('the audit key names its writers (encrypt only, through CloudWatch Logs), its searchers (decrypt only, through CloudWatch Logs) and one reader role, assumed with MFA', () => {
    // Prepare
    const statements = keyStatements(logicalId(stack.auditLog.key)).filter((st) => !isRoot(st));
    const readerId = logicalId(stack.auditLog.reader);
    const forRoles = statements.filter((st) => st.Principal?.AWS !== undefined);

    // Assess
    const decrypting = forRoles.filter((st) => actionsOf(st).some((a) => a.startsWith('kms:Decrypt')));
    // Besides the reader: the functions that search the trail (an export), to decrypt only, through CloudWatch Logs.
    const searchers = [...stack.service.functions.values()].filter((fn) =>
      fn.routes.some((route) => route.parts.includes('auditTrailSearch')),
    );
    expect(decrypting.map((st) => st.Principal?.AWS)).toEqual([
      roleArn(readerId),
      ...searchers.map((fn) => roleArn(logicalId(fn.role))),
    ]);
    for (const searcher of decrypting.slice(1)) {
      expect(actionsOf(searcher)).toEqual(['kms:Decrypt']);
      expect(JSON.stringify(searcher.Condition)).toContain('log-group:/userprofile/dev/audit');
    }
    const writers = forRoles.filter((st) => !decrypting.includes(st));
    expect(writers.map((st) => st.Principal?.AWS)).toEqual(
      expect.arrayContaining([...stack.service.functions.values()].map((fn) => roleArn(logicalId(fn.role)))),
    );
    for (const writer of writers) {
      expect(actionsOf(writer).sort()).toEqual(['kms:Encrypt', 'kms:GenerateDataKey*']);
      expect(JSON.stringify(writer.Condition)).toContain('logs.');
      expect(JSON.stringify(writer.Condition)).toContain('log-group:/userprofile/dev/audit');
    }
    const trust = all[readerId]?.Properties.AssumeRolePolicyDocument as { Statement: Statement[] };
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Principal: { AWS: expect.objectContaining({ 'Fn::Join': expect.anything() }) },
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      }),
    ]);
  });
});

describe('the audit streams', () => {
  it.each(functionNames)('%s may write only streams named after itself', (name) => {
    // Prepare
    const fn = [...stack.service.functions.values()].find((f) => f.routes[0]?.functionName === name)!;
    const statements = roleStatements(logicalId(fn.role));
    const onAudit = statements.filter((st) => JSON.stringify(st.Resource).includes('/userprofile/dev/audit'));

    // Assess
    expect(onAudit).toHaveLength(1);
    expect(actionsOf(onAudit[0]!).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    const resources = [onAudit[0]!.Resource].flat().map((r) => JSON.stringify(r));
    const audit = resources.filter((r) => r.includes('/userprofile/dev/audit'));
    expect(audit).toEqual([expect.stringContaining(`:log-group:/userprofile/dev/audit:log-stream:${name}-dev/*`)]);
    // Not the whole group (its ARN, or a Ref/GetAtt of it).
    expect(resources.join()).not.toContain(logicalId(stack.auditLog.logGroup));
  });
});

describe('WAF at the edge', () => {
  const acl = () => ofType('AWS::WAFv2::WebACL')[0]!.Properties;

  it('logs to a group of its own, aws-waf-logs-*, with a retention, redacting the token, the query and the path', () => {
    // Prepare
    const [logging] = ofType('AWS::WAFv2::LoggingConfiguration');
    const group = ofType('AWS::Logs::LogGroup').find((g) =>
      String(g.Properties.LogGroupName).startsWith('aws-waf-logs-'),
    );

    // Assess
    expect(group?.Properties).toMatchObject({
      LogGroupName: 'aws-waf-logs-userprofile-dev',
      RetentionInDays: stack.settings.logRetentionDays,
    });
    expect(JSON.stringify(logging?.Properties.LogDestinationConfigs)).toContain(
      ':log-group:aws-waf-logs-userprofile-dev"',
    );
    expect(logging?.Properties.ResourceArn).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^FirewallWebAcl/), 'Arn'],
    });
    expect(logging?.Properties.RedactedFields).toEqual(
      expect.arrayContaining([{ SingleHeader: { Name: 'authorization' } }, { QueryString: {} }, { UriPath: {} }]),
    );
  });

  it(`blocks a body over ${MAX_BODY_BYTES} bytes with a 413 problem, oversize bodies included, before the managed rules`, () => {
    // Prepare
    const rules = acl().Rules as {
      Name: string;
      Priority: number;
      Statement: Record<string, unknown>;
      Action?: WafAction;
    }[];
    const size = rules.find((rule) => rule.Name === 'BodyTooLarge');
    const managed = rules.filter((rule) => rule.Name.startsWith('AWSManaged'));

    // Assess
    expect(size?.Statement).toEqual({
      SizeConstraintStatement: {
        FieldToMatch: { Body: { OversizeHandling: 'MATCH' } },
        ComparisonOperator: 'GT',
        Size: 16_384,
        TextTransformations: [{ Priority: 0, Type: 'NONE' }],
      },
    });
    expect(managed.every((rule) => rule.Priority > size!.Priority)).toBe(true);
    expect(acl().AssociationConfig).toEqual({ RequestBody: { API_GATEWAY: { DefaultSizeInspectionLimit: 'KB_16' } } });
    const response = size?.Action?.Block?.CustomResponse;
    expect(response).toMatchObject({ ResponseCode: 413 });
    const body = (acl().CustomResponseBodies as Record<string, { Content: string; ContentType: string }>)[
      response!.CustomResponseBodyKey
    ];
    expect(JSON.parse(body!.Content)).toMatchObject({ type: '/problems/payload-too-large', status: 413 });
  });
});

describe('the security headers on the answers API Gateway and WAF give themselves', () => {
  const HEADERS = { 'Cache-Control': "'no-store'", 'X-Content-Type-Options': "'nosniff'" };

  it('every gateway response, WAF_FILTERED included', () => {
    const responses = ofType('AWS::ApiGateway::GatewayResponse');
    expect(responses.map((r) => r.Properties.ResponseType)).toEqual(
      expect.arrayContaining([
        'DEFAULT_4XX',
        'DEFAULT_5XX',
        'UNAUTHORIZED',
        'WAF_FILTERED',
        'THROTTLED',
        'REQUEST_TOO_LARGE',
      ]),
    );
    for (const response of responses) {
      expect(response.Properties.ResponseParameters).toEqual(
        expect.objectContaining({
          'gatewayresponse.header.Cache-Control': HEADERS['Cache-Control'],
          'gatewayresponse.header.X-Content-Type-Options': HEADERS['X-Content-Type-Options'],
        }),
      );
    }
  });

  it("each path's 405", () => {
    const anyMethods = ofType('AWS::ApiGateway::Method').filter((m) => m.Properties.HttpMethod === 'ANY');
    expect(anyMethods.length).toBeGreaterThan(0);
    for (const method of anyMethods) {
      const [answer] = (method.Properties.Integration as { IntegrationResponses: { ResponseParameters: object }[] })
        .IntegrationResponses;
      expect(answer?.ResponseParameters).toEqual(
        expect.objectContaining({
          'method.response.header.Cache-Control': HEADERS['Cache-Control'],
          'method.response.header.X-Content-Type-Options': HEADERS['X-Content-Type-Options'],
        }),
      );
    }
  });

  it("WAF's own 429 and 413", () => {
    const rules = acl413And429();
    for (const rule of rules) {
      expect(rule.Action.Block.CustomResponse.ResponseHeaders).toEqual(
        expect.arrayContaining([
          { Name: 'Cache-Control', Value: 'no-store' },
          { Name: 'X-Content-Type-Options', Value: 'nosniff' },
        ]),
      );
    }
    expect(rules).toHaveLength(2);
  });
});

const acl413And429 = (): { Action: { Block: { CustomResponse: { ResponseHeaders: unknown } } } }[] =>
  (ofType('AWS::WAFv2::WebACL')[0]!.Properties.Rules as { Action?: { Block?: { CustomResponse?: unknown } } }[]).filter(
    (rule) => rule.Action?.Block?.CustomResponse !== undefined,
  ) as never;
