import { type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/**
 * The key administration actions (AWS's "key administrators" list, which CDK's `admins` uses):
 * create, describe, enable, disable, tag, rotate and schedule deletion, and no use of the key.
 * None of them encrypts or decrypts.
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
] as const;

export interface NamedKeyProps {
  readonly description: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * A rotated customer-managed key whose policy starts with administration only: the account
 * (and so the deployer's IAM policies) may manage the key but not use it. CDK's default policy
 * would give the account `kms:*`, so that any principal with `kms:Decrypt` on `*` in IAM could
 * read what the key protects; here every user of the key is named in its policy instead.
 */
export function namedKey(scope: Construct, id: string, props: NamedKeyProps): kms.Key {
  const key = new kms.Key(scope, id, {
    description: props.description,
    enableKeyRotation: true,
    // An explicit (empty) policy stops CDK from adding its `kms:*` statement for the account.
    policy: new iam.PolicyDocument(),
    removalPolicy: props.removalPolicy,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'KeyAdministrationOnly',
      principals: [new iam.AccountRootPrincipal()],
      actions: [...KEY_ADMIN_ACTIONS],
      resources: ['*'],
    }),
  );
  return key;
}

/**
 * Names `grantee` in `key`'s policy for `actions` through one AWS service only (`kms:ViaService`):
 * the key policy alone decides, so the role's IAM policy needs no KMS statement.
 */
export function grantViaService(
  key: kms.IKey,
  grantee: iam.IGrantable,
  options: { readonly sid: string; readonly actions: readonly string[]; readonly conditions: iam.Conditions },
): iam.Grant {
  return iam.Grant.addStatementToResourcePolicy({
    grantee,
    actions: [...options.actions],
    resourceArns: ['*'],
    resource: key,
    statement: new iam.PolicyStatement({
      sid: options.sid,
      principals: [grantee.grantPrincipal],
      actions: [...options.actions],
      resources: ['*'],
      conditions: options.conditions,
    }),
  });
}
