import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fullDiff, ResourceImpact, type TemplateDiff } from '@aws-cdk/cloudformation-diff';
import { Template } from 'aws-cdk-lib/assertions';

import { createUserProfileApp } from '../../src/app';
import { cdkJsonContext } from './cdk-json-context';

/* What `cdk deploy` onto the original stack would do to it, as `cdk diff` computes it: the
   original template (test/fixtures/original-stack.dev.json) against a synthesized one. */

export type CfnTemplate = { Resources: Record<string, unknown>; Outputs?: Record<string, unknown> } & Record<
  string,
  unknown
>;

/** The original's resources the update must keep, by type: the spec of issue 30, written out (not derived from the app). */
export const KEPT: Readonly<Record<string, readonly string[]>> = {
  'AWS::DynamoDB::Table': ['UserProfilesTable'],
  'AWS::ApiGateway::RestApi': ['UserProfileAPI'],
  'AWS::ApiGateway::Resource': ['UserProfilesResource', 'UserProfileResource'],
  'AWS::ApiGateway::Method': [
    'CreateUserMethod',
    'ListUsersMethod',
    'GetUserMethod',
    'UpdateUserMethod',
    'DeleteUserMethod',
  ],
  'AWS::ApiGateway::Stage': ['APIStage'],
  'AWS::Lambda::Function': [
    'CreateUserProfileFunction',
    'GetUserProfileFunction',
    'UpdateUserProfileFunction',
    'DeleteUserProfileFunction',
    'ListUserProfilesFunction',
  ],
  'AWS::Logs::LogGroup': [
    'CreateUserLogGroup',
    'GetUserLogGroup',
    'UpdateUserLogGroup',
    'DeleteUserLogGroup',
    'ListUsersLogGroup',
  ],
  'AWS::SSM::Parameter': ['DatabaseTableNameParameter', 'APIEndpointParameter'],
};
/** The same, as `[logicalId, type]` pairs. */
export const KEPT_RESOURCES = Object.entries(KEPT).flatMap(([type, ids]) => ids.map((id) => [id, type] as const));

/** The committed copy of the original template, its parameters resolved for env `dev`. */
export const ORIGINAL_FIXTURE = path.resolve(__dirname, '../fixtures/original-stack.dev.json');

/** How often the original template uses `EnvironmentSuffix`: every place the fixture says `dev`. */
const ENVIRONMENT_SUFFIX_USES = 24;

/** `dev` as a name part: `user-profiles-dev`, `/userprofile/dev/…`, `…amazonaws.com/dev`, or alone. */
const DEV_SUFFIX = /(^|[-/])dev(?=$|[-/])/g;
const DEV_SUFFIX_ONCE = new RegExp(DEV_SUFFIX.source);

/**
 * The original template as the stack `stackName` of environment `environmentName` holds it:
 * the fixture with `dev` replaced where the template had `${EnvironmentSuffix}`, and
 * `${AWS::StackName}` resolved (CloudFormation resolves it to the stack being updated).
 */
export function originalTemplate(environmentName: string, stackName: string): CfnTemplate {
  let replaced = 0;
  const retarget = (node: unknown): unknown => {
    if (typeof node === 'string') {
      if (DEV_SUFFIX_ONCE.test(node)) replaced += 1;
      return node.replace(DEV_SUFFIX, `$1${environmentName}`);
    }
    if (Array.isArray(node)) return node.map(retarget);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, retarget(value)]));
    }
    return node;
  };
  const fixture = JSON.parse(readFileSync(ORIGINAL_FIXTURE, 'utf8')) as unknown;
  const template = resolveStackName(retarget(fixture), stackName) as CfnTemplate;
  if (replaced !== ENVIRONMENT_SUFFIX_USES) {
    throw new Error(
      `${ORIGINAL_FIXTURE} names its environment ${replaced} times, not the original's ${ENVIRONMENT_SUFFIX_USES}: regenerate it with test/fixtures/resolve-original.py`,
    );
  }
  return template;
}

/** `{"Fn::Sub": "${AWS::StackName}-X"}` → `"{stackName}-X"`: the export names as deployed. */
function resolveStackName(node: unknown, stackName: string): unknown {
  if (Array.isArray(node)) return node.map((item) => resolveStackName(item, stackName));
  if (node === null || typeof node !== 'object') return node;
  const sub = (node as Record<string, unknown>)['Fn::Sub'];
  if (Object.keys(node).length === 1 && typeof sub === 'string' && /^\$\{AWS::StackName\}[^$]*$/.test(sub)) {
    return sub.replace('${AWS::StackName}', stackName);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolveStackName(value, stackName)]));
}

/** One resource's fate in the update, by logical id: its impact, and the properties that decide it. */
export interface ResourceFate {
  readonly logicalId: string;
  readonly impact: ResourceImpact;
  readonly oldType: string | undefined;
  readonly newType: string | undefined;
  /** Changed properties that force a replacement (empty unless `impact` is a replacement). */
  readonly replacedBy: readonly string[];
}

/** What updating `original` to `synthesized` does, as the CDK's differ says. */
export interface UpgradeDiff {
  readonly diff: TemplateDiff;
  /** Every resource of the original (kept, updated, replaced, destroyed or orphaned), by logical id. */
  readonly originalResources: ReadonlyMap<string, ResourceFate>;
  /** Logical ids the update creates. */
  readonly created: readonly string[];
}

export function upgradeDiff(original: CfnTemplate, synthesized: CfnTemplate): UpgradeDiff {
  const diff = fullDiff(original, synthesized);
  const originalResources = new Map<string, ResourceFate>();
  const created: string[] = [];
  diff.resources.forEachDifference((logicalId, change) => {
    if (change.isAddition) {
      created.push(logicalId);
      return;
    }
    const replacedBy = Object.entries(change.propertyUpdates)
      .filter(([, update]) => update.isDifferent && update.changeImpact !== ResourceImpact.WILL_UPDATE)
      .map(([name, update]) => `${name} (${update.changeImpact})`);
    originalResources.set(logicalId, {
      logicalId,
      impact: change.changeImpact,
      oldType: change.oldResourceType,
      newType: change.newResourceType,
      replacedBy,
    });
  });
  // forEachDifference skips unchanged resources: they are the original's too.
  for (const logicalId of Object.keys(original.Resources)) {
    if (!originalResources.has(logicalId)) {
      const type = (original.Resources[logicalId] as { Type: string }).Type;
      originalResources.set(logicalId, {
        logicalId,
        impact: ResourceImpact.NO_CHANGE,
        oldType: type,
        newType: type,
        replacedBy: [],
      });
    }
  }
  return { diff, originalResources, created };
}

/** The impacts an update in place may have: anything else loses the resource or its identity. */
export const IN_PLACE: readonly ResourceImpact[] = [ResourceImpact.WILL_UPDATE, ResourceImpact.NO_CHANGE];

/** One line per resource: `UserProfilesTable  AWS::DynamoDB::Table  WILL_UPDATE`. */
export function describeFates(fates: readonly ResourceFate[]): string {
  const width = Math.max(...fates.map((fate) => fate.logicalId.length));
  return fates
    .map((fate) => {
      const type = fate.oldType === fate.newType ? fate.oldType : `${fate.oldType} -> ${fate.newType ?? '(none)'}`;
      const why = fate.replacedBy.length > 0 ? `  by ${fate.replacedBy.join(', ')}` : '';
      return `${fate.logicalId.padEnd(width)}  ${String(type).padEnd(40)}  ${fate.impact}${why}`;
    })
    .join('\n');
}

/**
 * The string `value` (an output's value) resolves to in `template`'s stack, with placeholders for
 * what only AWS knows: a resource's own id (`Ref`) and ARN (`GetAtt`) by its logical id, which an
 * update in place keeps. Names a template sets (a table's, a stage's) are read from it.
 */
export function resolvedValue(value: unknown, template: CfnTemplate): string {
  const pseudo: Record<string, string> = {
    'AWS::Region': 'eu-west-1',
    'AWS::AccountId': '123456789012',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::Partition': 'aws',
  };
  const ref = (name: string): string => {
    if (pseudo[name] !== undefined) return pseudo[name];
    const resource = template.Resources[name] as { Type: string; Properties?: Record<string, unknown> } | undefined;
    if (!resource) throw new Error(`Ref to ${name}, which the template does not have`);
    const named = { 'AWS::DynamoDB::Table': 'TableName', 'AWS::ApiGateway::Stage': 'StageName' }[resource.Type];
    return named ? resolvedValue(resource.Properties?.[named], template) : `{${name}}`;
  };
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const [[fn, args] = []] = Object.entries(value as Record<string, unknown>);
  switch (fn) {
    case 'Ref':
      return ref(args as string);
    case 'Fn::GetAtt':
      return `{${(args as string[]).join('.')}}`;
    case 'Fn::Join': {
      const [separator, parts] = args as [string, unknown[]];
      return parts.map((part) => resolvedValue(part, template)).join(separator);
    }
    case 'Fn::Sub':
      return (args as string).replace(/\$\{([^}]+)\}/g, (_all, name: string) =>
        name.includes('.') ? `{${name}}` : ref(name),
      );
    default:
      throw new Error(`cannot resolve ${JSON.stringify(value)}`);
  }
}

/** The app synthesized for `cdk deploy` with `context`, and the original as that stack holds it. */
export interface UpgradeSynthesis {
  readonly stackName: string;
  readonly environmentName: string;
  readonly synthesized: CfnTemplate;
  readonly original: CfnTemplate;
}

/**
 * Synthesizes the app as `cdk synth -c key=value …` would (cdk.json's context under `context`),
 * without bundling: the functions' code is replaced in place whatever it holds.
 */
export function synthesizeForUpgrade(context: Readonly<Record<string, string>>): UpgradeSynthesis {
  const { stack } = createUserProfileApp({
    appProps: { context: { ...cdkJsonContext(), ...context, 'aws:cdk:bundling-stacks': [] } },
  });
  return {
    stackName: stack.stackName,
    environmentName: stack.settings.environmentName,
    synthesized: Template.fromStack(stack).toJSON() as CfnTemplate,
    original: originalTemplate(stack.settings.environmentName, stack.stackName),
  };
}
