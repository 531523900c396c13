import { LAMBDA_ENV } from '@userprofile/http-lambda/contract';

import { PSEUDONYM_KEY_LENGTH } from '../../src/constructs/pseudonym-secret';
import { logicalIdOf } from '../support/logical-id';
import { synthesizedApp } from '../support/synthesized-app';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

const dev = synthesizedApp();
const prod = synthesizedApp({ settings: { environmentName: 'prod' } });

const resources = (app: typeof dev): Record<string, Resource> =>
  app.template.toJSON().Resources as Record<string, Resource>;
const secretId = (app: typeof dev): string => logicalIdOf(app.stack, app.stack.pseudonymSecret.secret);

describe('the audit pseudonym secret', () => {
  it('is generated at deploy as {"key": 64 letters and digits} under a name operators can give: no value in the template', () => {
    // Assess
    dev.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'userprofile/dev/audit-pseudonym-key',
      GenerateSecretString: {
        SecretStringTemplate: '{}',
        GenerateStringKey: 'key',
        PasswordLength: PSEUDONYM_KEY_LENGTH,
        ExcludePunctuation: true,
        IncludeSpace: false,
      },
    });
    expect(resources(dev)[secretId(dev)]?.Properties).not.toHaveProperty('SecretString');
  });

  it('is rotated by hand, a version at a time, and outlives a production stack with the records it pseudonymised', () => {
    // Assess: no rotation schedule would replace versions behind the audit trail's back.
    dev.template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
    expect(resources(prod)[secretId(prod)]?.DeletionPolicy).toBe('Retain');
    expect(resources(prod)[logicalIdOf(prod.stack, prod.stack.auditLog.logGroup)]?.DeletionPolicy).toBe('Retain');
  });

  it('is named (by ARN) to every function, and no function has a key in its environment', () => {
    // Act
    const variables = Object.values(resources(dev))
      .filter((resource) => resource.Type === 'AWS::Lambda::Function')
      .filter((resource) => String(resource.Properties.FunctionName ?? '').length > 0)
      .map((resource) => ({
        name: resource.Properties.FunctionName,
        arn: (resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables[
          LAMBDA_ENV.pseudonymSecretArn
        ],
      }));

    // Assess
    const routeFunctions = [...dev.stack.service.functions.keys()].map((name) => `${name}-dev`).sort();
    expect(
      variables
        .filter(({ arn }) => arn !== undefined)
        .map(({ name }) => name)
        .sort(),
    ).toEqual(routeFunctions);
    for (const { arn } of variables.filter((v) => v.arn !== undefined)) expect(arn).toEqual({ Ref: secretId(dev) });
  });

  it('may be read (GetSecretValue only) by the route functions, the audit reader and the table maintainer, and by no one else', () => {
    // Prepare
    const readers: string[] = [];

    // Act
    for (const resource of Object.values(resources(dev))) {
      if (resource.Type !== 'AWS::IAM::Policy') continue;
      const statements = (resource.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
      // CDK merges one action's statements into one with several resources (the cursor secret's too).
      const onSecret = statements.filter((s) => JSON.stringify(s.Resource).includes(`"${secretId(dev)}"`));
      if (onSecret.length === 0) continue;
      expect(onSecret.map(({ Effect, Action }) => ({ Effect, Action }))).toEqual([
        { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue' },
      ]);
      readers.push(...(resource.Properties.Roles as { Ref: string }[]).map((role) => role.Ref));
    }

    // Assess
    const { stack } = dev;
    const expected = [
      ...[...stack.service.functions.values()].map((fn) => logicalIdOf(stack, fn.role)),
      logicalIdOf(stack, stack.auditLog.reader),
      logicalIdOf(stack, stack.tableMaintainer.role),
    ];
    expect(readers.sort()).toEqual(expected.sort());
    expect(readers).not.toContain(logicalIdOf(stack, stack.events.publisher.role));
    dev.template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 0);
  });
});
