import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { RouteDefinition } from '@userprofile/http-lambda/routes';
import { LAMBDA_ENV } from '@userprofile/http-lambda/contract';
import type { Construct } from 'constructs';

import { GENERATED_KEY_LENGTH, GeneratedKeySecret } from './generated-key-secret';
import type { RouteFunction } from './route-functions';

/** Characters in a generated cursor key. */
export const CURSOR_KEY_LENGTH = GENERATED_KEY_LENGTH;

/** Whether a function serves a paged route (its row's `parts` say so), and so signs and checks page cursors. */
export const signsCursors = (routes: readonly RouteDefinition[]): boolean =>
  routes.some((route) => route.parts.includes('pageCursorKeys'));

export interface CursorSecretProps {
  /** Environment suffix, named in the secret's description. */
  readonly environmentName: string;
}

/**
 * The page-cursor keys: a Secrets Manager secret whose value CloudFormation never sees, generated
 * at deploy as `{"current": "<64 letters and digits>"}`. A rotation puts
 * `{"current": new, "previous": old}` (docs/deploying.md, "The cursor secret, and rotating it"):
 * cursors signed with either are accepted, new ones are signed with `current`.
 *
 * Destroyed with the stack: cursors live for one paging session, so losing the key costs a
 * client one restart of its walk, and a retained secret would outlive the stack for nothing.
 */
export class CursorSecret extends GeneratedKeySecret {
  constructor(scope: Construct, id: string, props: CursorSecretProps) {
    super(scope, id, {
      secretId: 'Keys',
      description: `userprofile ${props.environmentName}: keys that sign page cursors ({"current", "previous"?})`,
      keyField: 'current',
      removalPolicy: RemovalPolicy.DESTROY,
      handRotation:
        'Rotated by hand with two keys accepted at once (docs/deploying.md, "The cursor secret, and rotating it"); a rotation Lambda would be a function and a role for a key whose loss costs clients one restarted page walk.',
    });
  }

  /**
   * Lets a function read the keys, and tells it where they are: `GetSecretValue` on this
   * secret only (not `DescribeSecret`, which `grantRead` adds and nothing calls).
   */
  grantSigning(fn: RouteFunction): void {
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [this.secret.secretArn] }),
    );
    // The secret's ARN, never its value.
    fn.function.addEnvironment(LAMBDA_ENV.cursorSecretArn, this.secret.secretArn);
  }
}
