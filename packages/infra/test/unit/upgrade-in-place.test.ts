import {
  IN_PLACE,
  KEPT_RESOURCES,
  describeFates,
  resolvedValue,
  synthesizeForUpgrade,
  upgradeDiff,
  type CfnTemplate,
  type UpgradeDiff,
} from '../support/upgrade-diff';

/* `cdk deploy -c stackName=<original stack> -c env=<env>` updates the stack the original
   CloudFormation template created (docs/migrating.md). Each resource that holds data, has a
   fixed name or is what consumers reach must be updated in place: replaced, it would lose its
   data, collide with itself on name, or change the endpoint every export and app knows. */

/** The original's outputs and the suffix of their export names (`{stack}-DynamoDBTable`, …). */
const EXPORTS = [
  ['APIEndpoint', 'APIEndpoint'],
  ['DynamoDBTableName', 'DynamoDBTable'],
  ['DynamoDBTableArn', 'DynamoDBTableArn'],
] as const;

// The original template does not name its stack: whatever the team called it, `-c stackName`
// gives it, and `${AWS::StackName}-…` exports resolve to the same names.
const ORIGINAL_STACK_NAME = 'UserProfileStack';

// Synthesis (cdk-nag included) of the whole app, four times.
const SYNTHESIS_TIMEOUT_MS = 300_000;

type CfnOutput = { Value: unknown; Export: { Name: unknown } };

/** The ways a team deploys onto its stack: the defaults, its stack's name, another environment. */
const DEPLOYMENTS: readonly (readonly [string, Record<string, string>])[] = [
  ['the defaults', {}],
  [`-c stackName=${ORIGINAL_STACK_NAME}`, { stackName: ORIGINAL_STACK_NAME }],
  ['-c env=prod', { env: 'prod' }],
  [`-c stackName=${ORIGINAL_STACK_NAME}-prod -c env=prod`, { stackName: `${ORIGINAL_STACK_NAME}-prod`, env: 'prod' }],
];

describe.each(DEPLOYMENTS)('cdk deploy onto the original stack, with %s', (_name, context) => {
  let stackName = '';
  let synthesized: CfnTemplate;
  let original: CfnTemplate;
  let upgrade: UpgradeDiff;
  beforeAll(() => {
    // Prepare
    ({ stackName, synthesized, original } = synthesizeForUpgrade(context));

    // Act
    upgrade = upgradeDiff(original, synthesized);
  }, SYNTHESIS_TIMEOUT_MS);

  it.each(KEPT_RESOURCES)('keeps %s (%s) under its id and type, updated in place', (logicalId, type) => {
    const fate = upgrade.originalResources.get(logicalId);
    expect({ oldType: fate?.oldType, newType: fate?.newType }).toEqual({ oldType: type, newType: type });
    expect(IN_PLACE).toContain(fate?.impact);
  });

  it('replaces, destroys or orphans none of them (all impacts listed on failure)', () => {
    const kept = KEPT_RESOURCES.map(([logicalId]) => upgrade.originalResources.get(logicalId)).filter((fate) => !!fate);
    expect(describeFates(kept.filter((fate) => !IN_PLACE.includes(fate.impact)))).toBe('');
    expect(kept).toHaveLength(KEPT_RESOURCES.length);
  });

  it('retains the table when the stack is deleted and if it were ever replaced', () => {
    expect(synthesized.Resources['UserProfilesTable']).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it.each(EXPORTS)('keeps output %s exported as {stack}-%s, with the same value', (output, suffix) => {
    const before = original.Outputs?.[output] as CfnOutput;
    const after = synthesized.Outputs?.[output] as CfnOutput | undefined;
    expect(before.Export.Name).toBe(`${stackName}-${suffix}`);
    expect(after?.Export.Name).toBe(before.Export.Name);
    // CloudFormation refuses to change the value of an export another stack imports.
    expect(resolvedValue(after?.Value, synthesized)).toBe(resolvedValue(before.Value, original));
    const change = upgrade.diff.outputs.get(output);
    expect(change?.newValue?.Export).toEqual(change?.oldValue?.Export);
  });
});
