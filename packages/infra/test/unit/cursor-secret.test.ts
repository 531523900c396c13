import { ROUTES } from '@userprofile/http-lambda/routes';

import { LAMBDA_ENV } from '@userprofile/http-lambda/contract';

import { CURSOR_KEY_LENGTH, signsCursors } from '../../src/constructs/cursor-secret';
import { synthesizedApp } from '../support/synthesized-app';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

const dev = synthesizedApp();

const resources = (): Record<string, Resource> => dev.template.toJSON().Resources as Record<string, Resource>;
const secretLogicalId = (): string => dev.stack.getLogicalId(dev.stack.cursorSecret.secret.node.defaultChild as never);
/** The function names whose rows are paged: list and lookup. */
const signingFunctions = [...new Set(ROUTES.filter((route) => signsCursors([route])).map((r) => r.functionName))];

/** Every IAM statement of a function's role, by function name. */
function statementsByFunction(): Map<string, Statement[]> {
  const all = resources();
  const byRole = new Map<string, Statement[]>();
  for (const resource of Object.values(all)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const document = resource.Properties.PolicyDocument as { Statement: Statement[] };
    for (const role of resource.Properties.Roles as { Ref: string }[]) {
      byRole.set(role.Ref, [...(byRole.get(role.Ref) ?? []), ...document.Statement]);
    }
  }
  const byFunction = new Map<string, Statement[]>();
  for (const resource of Object.values(all)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const name = resource.Properties.FunctionName as string | undefined;
    const role = (resource.Properties.Role as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];
    if (name && role) byFunction.set(name, byRole.get(role) ?? []);
  }
  return byFunction;
}

const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

describe('the cursor secret', () => {
  it('is generated at deploy as {"current": 64 letters and digits}: no value in the template', () => {
    // Assess
    dev.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: {
        SecretStringTemplate: '{}',
        GenerateStringKey: 'current',
        PasswordLength: CURSOR_KEY_LENGTH,
        ExcludePunctuation: true,
        IncludeSpace: false,
      },
    });
    const secret = resources()[secretLogicalId()];
    expect(secret?.Properties).not.toHaveProperty('SecretString');
  });

  it('is named (by ARN) to the list and lookup functions only, and no function has a key in its environment', () => {
    // Prepare
    const withSecret: string[] = [];

    // Act
    for (const resource of Object.values(resources())) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const variables = ((resource.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables ?? {}) as Record<string, unknown>;
      expect(Object.keys(variables)).not.toContain('CURSOR_SIGNING_KEY');
      expect(JSON.stringify(variables)).not.toContain('AWS::StackId');
      if (LAMBDA_ENV.cursorSecretArn in variables) {
        expect(variables[LAMBDA_ENV.cursorSecretArn]).toEqual({ Ref: secretLogicalId() });
        withSecret.push(resource.Properties.FunctionName as string);
      }
    }

    // Assess
    expect(signingFunctions.sort()).toEqual(['ListUserProfiles', 'SearchUserProfiles']);
    expect(withSecret.sort()).toEqual(signingFunctions.map((name) => `${name}-dev`));
  });

  it('can be read with GetSecretValue, on this secret only, by those functions only', () => {
    // Act
    const statements = statementsByFunction();

    // Assess
    expect(statements.size).toBeGreaterThanOrEqual(ROUTES.length - 1);
    for (const [functionName, list] of statements) {
      // CDK merges one action's statements into one with several resources: compared pair by pair.
      const secretStatements = list
        .filter((s) => actionsOf(s).some((action) => action.startsWith('secretsmanager:')))
        .flatMap((s) => [s.Resource].flat().map((resource) => ({ ...s, Resource: resource })))
        .filter((s) => JSON.stringify(s.Resource) === JSON.stringify({ Ref: secretLogicalId() }));
      const signs = signingFunctions.some((name) => functionName === `${name}-dev`);
      expect({ functionName, secretStatements }).toEqual({
        functionName,
        secretStatements: signs
          ? [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: { Ref: secretLogicalId() } }]
          : [],
      });
    }
  });

  it('has no resource policy that could widen who reads it', () => {
    dev.template.resourceCountIs('AWS::SecretsManager::ResourcePolicy', 0);
  });
});
