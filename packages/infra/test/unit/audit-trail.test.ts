import type { IConstruct } from 'constructs';
import { ROUTES } from '@userprofile/http-lambda/routes';

import { LAMBDA_ENV } from '@userprofile/http-lambda/contract';

import { AUDIT_WRITE_ACTIONS } from '../../src/constructs/audit-log';
import { expectLogGroup, synthesizedApp, type Synthesized } from '../support/synthesized-app';
import { logicalIdOf as templateLogicalId } from '../support/logical-id';
import { logGroupArnJoin } from '../support/log-group-arn';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
type Statement = {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
  Principal?: unknown;
  Condition?: unknown;
};

const dev = synthesizedApp();
const prod = synthesizedApp({
  settings: { environmentName: 'prod', logRetentionDays: 90, auditLogRetentionDays: 2557 },
});

const resources = (s: Synthesized): Record<string, Resource> =>
  s.template.toJSON().Resources as Record<string, Resource>;
const logicalIdOf = (s: Synthesized, construct: IConstruct): string => templateLogicalId(s.stack, construct);
const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];
/** Whether a statement's resources name the given logical id (by Ref or GetAtt). */
const names = (statement: Statement, logicalId: string): boolean =>
  JSON.stringify(statement.Resource).includes(logicalId);

/** The audit group's ARN as `LogGroup.grant` names it: with `:*` (GetAtt) and without. */
const auditGroupArns = (groupId: string): unknown[] => [{ 'Fn::GetAtt': [groupId, 'Arn'] }, logGroupArnJoin(groupId)];

/** The functions whose rows search the trail (`auditTrailSearch`): the export's. */
const searchers = (s: Synthesized) =>
  [...s.stack.service.functions.values()].filter((fn) =>
    fn.routes.some((route) => route.parts.includes('auditTrailSearch')),
  );

function roleStatements(s: Synthesized): Statement[] {
  return Object.values(resources(s))
    .filter((r) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy')
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

describe('the audit log group', () => {
  it('is /userprofile/{env}/audit, kept longer than the service logs (a year by default, or as configured)', () => {
    expectLogGroup(dev, '/userprofile/dev/audit', 365);
    expectLogGroup(prod, '/userprofile/prod/audit', 2557);
  });

  it('is encrypted with a rotated key of its own, which CloudWatch Logs may use for this group only', () => {
    for (const s of [dev, prod]) {
      // Prepare
      const keyId = logicalIdOf(s, s.stack.auditLog.key);
      const group = resources(s)[logicalIdOf(s, s.stack.auditLog.logGroup)];
      const key = resources(s)[keyId];

      // Assess
      expect(group?.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      expect(key?.Properties.EnableKeyRotation).toBe(true);
      const keyStatements = (key?.Properties.KeyPolicy as { Statement: Statement[] }).Statement;
      const forLogs = keyStatements.filter((st) => JSON.stringify(st.Principal ?? {}).includes('logs.'));
      expect(forLogs).toHaveLength(1);
      expect(JSON.stringify(forLogs[0]?.Condition)).toContain(
        `log-group:/userprofile/${s.stack.settings.environmentName}/audit`,
      );
      // Besides CloudWatch Logs: the account (administration only), the functions (encrypt only),
      // the one reader role and the functions that search the trail (an export), each by name:
      // the account's IAM policies cannot widen it.
      const others = keyStatements.filter((st) => st !== forLogs[0]);
      const arnOf = (construct: IConstruct) =>
        JSON.stringify({ AWS: { 'Fn::GetAtt': [logicalIdOf(s, construct), 'Arn'] } });
      const decrypting = others.filter((st) => actionsOf(st).some((action) => /^kms:(Decrypt|\*)/.test(action)));
      expect(decrypting.map((st) => JSON.stringify(st.Principal)).sort()).toEqual(
        [arnOf(s.stack.auditLog.reader), ...searchers(s).map((fn) => arnOf(fn.role as never))].sort(),
      );
      // A searching function decrypts only, through CloudWatch Logs, for this group only.
      for (const statement of decrypting.filter((st) => !JSON.stringify(st.Principal).includes('AuditReader'))) {
        expect(actionsOf(statement)).toEqual(['kms:Decrypt']);
        expect(JSON.stringify(statement.Condition)).toContain(
          `log-group:/userprofile/${s.stack.settings.environmentName}/audit`,
        );
      }
      expect(others.filter((st) => JSON.stringify(st.Principal).includes(':root'))).toHaveLength(1);
    }
  });

  it('has no resource policy: nothing widens who may read it', () => {
    for (const s of [dev, prod]) {
      const policies = Object.values(resources(s)).filter((r) => r.Type === 'AWS::Logs::ResourcePolicy');
      expect(policies.filter((p) => JSON.stringify(p).includes('audit'))).toEqual([]);
    }
  });

  it('is named to every function, which may only add records to its own streams and may not decrypt them', () => {
    // Prepare
    const groupId = logicalIdOf(dev, dev.stack.auditLog.logGroup);
    const keyId = logicalIdOf(dev, dev.stack.auditLog.key);
    const functions = Object.values(resources(dev)).filter((r) => r.Type === 'AWS::Lambda::Function');
    const named = functions.filter(
      (fn) =>
        JSON.stringify(
          (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.[
            LAMBDA_ENV.auditLogGroup
          ],
        ) === JSON.stringify({ Ref: groupId }),
    );
    const statements = roleStatements(dev);

    // Assess
    expect(named).toHaveLength(new Set(ROUTES.map((route) => route.functionName)).size);
    const onStreams = statements.filter((st) =>
      JSON.stringify(st.Resource).includes(':log-group:/userprofile/dev/audit:'),
    );
    expect(onStreams.length).toBe(named.length);
    // (CDK merges it with the statement that lets the function write its own log group: same actions.)
    for (const statement of onStreams) {
      expect({ Effect: statement.Effect, Action: statement.Action }).toEqual({
        Effect: 'Allow',
        Action: [...AUDIT_WRITE_ACTIONS],
      });
      expect(JSON.stringify(statement.Resource)).toMatch(
        /:log-group:\/userprofile\/dev\/audit:log-stream:[A-Za-z]+-dev\/\*/,
      );
    }
    // Only the reader role's policy and the searching functions' name the group itself.
    const readerId = logicalIdOf(dev, dev.stack.auditLog.reader);
    const onGroup = Object.values(resources(dev)).filter(
      (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.PolicyDocument).includes(groupId),
    );
    expect(onGroup.map((policy) => JSON.stringify(policy.Properties.Roles)).sort()).toEqual(
      [[{ Ref: readerId }], ...searchers(dev).map((fn) => [{ Ref: logicalIdOf(dev, fn.role as never) }])]
        .map((roles) => JSON.stringify(roles))
        .sort(),
    );
    expect(statements.filter((st) => names(st, keyId))).toEqual([]);
    expect(statements.flatMap(actionsOf).filter((action) => /^kms:(Decrypt|\*)/.test(action))).toEqual([]);
  });

  it('may be searched by the export function only, with FilterLogEvents on this group and nothing else', () => {
    // Prepare
    const groupId = logicalIdOf(dev, dev.stack.auditLog.logGroup);
    const [exporter, ...others] = searchers(dev);
    const roleId = logicalIdOf(dev, exporter!.role as never);
    const onGroup = Object.values(resources(dev))
      .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roleId))
      .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((st) => names(st, groupId));

    // Assess
    expect(exporter?.routes.map((route) => route.functionName)).toEqual(['ExportUserData']);
    expect(others).toEqual([]);
    // The group's ARN in both of CDK's forms (with its streams' `:*` and without), and nothing else.
    expect(onGroup).toEqual([{ Effect: 'Allow', Action: 'logs:FilterLogEvents', Resource: auditGroupArns(groupId) }]);
  });
});
