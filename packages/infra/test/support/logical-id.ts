import type { CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The logical id the template gives `construct`'s CloudFormation resource (or `construct` itself,
 * when it is one), overrides included: `Stack.getLogicalId` ignores `overrideLogicalId`, which
 * keeps the original stack's ids (src/original-logical-ids.ts).
 */
export function logicalIdOf(stack: Stack, construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return stack.resolve(element.logicalId) as string;
}
