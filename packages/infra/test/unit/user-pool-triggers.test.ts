import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { POST_CONFIRMATION } from '@userprofile/identity-lambda/triggers';

import { logicalIdOf } from '../support/logical-id';
import { synthesizedApp, type Synthesized } from '../support/synthesized-app';

type Resource = { Type: string; Properties: Record<string, unknown> };
interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Every `action resource` pair the role of `fn` is allowed, from its inline and attached policies. */
function grantsOf(app: Synthesized, roleId: string): string[] {
  const all = app.template.toJSON().Resources as Record<string, Resource>;
  expect(all[roleId]?.Properties.ManagedPolicyArns).toBeUndefined();
  return Object.values(all)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .flatMap((statement) => {
      expect(statement.Effect).toBe('Allow');
      return [statement.Action]
        .flat()
        .flatMap((action) => [statement.Resource].flat().map((resource) => `${action} ${JSON.stringify(resource)}`));
    });
}

const pairs = (actions: readonly string[], resource: unknown): string[] =>
  actions.map((action) => `${action} ${JSON.stringify(resource)}`);

describe.each([
  ['claiming legacy profiles (the default)', true],
  ['with -c claimLegacyProfiles=false', false],
])('the post-confirmation trigger, %s', (_case, claimLegacyProfiles) => {
  const app = synthesizedApp(claimLegacyProfiles ? {} : { settings: { claimLegacyProfiles: 'false' } });
  const id = (construct: IConstruct): string => logicalIdOf(app.stack, construct);
  const trigger = () => {
    const fn = app.stack.userPoolTriggers.functions.get(POST_CONFIRMATION.functionName);
    if (!fn) throw new Error('no post-confirmation function');
    return fn;
  };

  it("is the end users' pool's post-confirmation trigger, and Cognito may invoke it from that pool only", () => {
    const functionArn = { 'Fn::GetAtt': [id(trigger().function), 'Arn'] };
    const poolId = id(app.stack.service.auth.userPool);

    app.template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: 'user-profiles-dev',
      LambdaConfig: { PostConfirmation: functionArn },
    });
    app.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: functionArn,
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
    });
    // The administrators' pool has no trigger: nobody signs up there.
    app.template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: 'user-profiles-admins-dev',
      LambdaConfig: Match.absent(),
    });
  });

  it('runs its own function, done well inside the 5 s Cognito waits, told the table and whether to claim', () => {
    app.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'PostConfirmation-dev',
      Timeout: 5,
      Environment: {
        Variables: {
          TABLE_NAME: { Ref: id(app.stack.data.table) },
          CLAIM_LEGACY_PROFILES: String(claimLegacyProfiles),
          LOG_LEVEL: 'INFO',
        },
      },
    });
  });

  it(`may do exactly its row's table and index actions${claimLegacyProfiles ? " and ListUsers on the end users' pool" : ''}, and nothing else`, () => {
    const fn = trigger();
    const tableArn = { 'Fn::GetAtt': [id(app.stack.data.table), 'Arn'] };
    const expected = [
      ...pairs(['logs:CreateLogStream', 'logs:PutLogEvents'], { 'Fn::GetAtt': [id(fn.logGroup), 'Arn'] }),
      ...pairs(['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], '*'),
      ...pairs(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], tableArn),
      ...pairs(['dynamodb:Query'], { 'Fn::Join': ['', [tableArn, `/index/${app.stack.data.emailIndexName}`]] }),
      ...(claimLegacyProfiles
        ? pairs(['cognito-idp:ListUsers'], { 'Fn::GetAtt': [id(app.stack.service.auth.userPool), 'Arn'] })
        : []),
    ];

    expect(grantsOf(app, id(fn.role)).sort()).toEqual(expected.sort());
  });
});

describe('a sign-up the trigger lets through without its profile', () => {
  const app = synthesizedApp({});

  it('pages: an alarm on the SignUpProfileFailures count of that very function, as Powertools publishes it', () => {
    app.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: Match.stringLikeRegexp('SignUpProfileFailures'),
      Namespace: 'UserProfile',
      MetricName: 'SignUpProfileFailures',
      Dimensions: [
        { Name: 'FunctionName', Value: `${POST_CONFIRMATION.functionName}-dev` },
        { Name: 'service', Value: 'userprofile' },
      ],
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });
});
