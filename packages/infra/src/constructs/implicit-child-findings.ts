import { Validations, type Acknowledgment } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges a cdk-nag finding on a child that CDK creates on its own (a role's default
 * policy, the API's CloudWatch role), when CDK has created it: we cannot pass it our props.
 */
export function acknowledgeOnImplicitChild(parent: IConstruct, childId: string, acknowledgment: Acknowledgment): void {
  const child = parent.node.tryFindChild(childId);
  if (child) Validations.of(child).acknowledge(acknowledgment);
}
