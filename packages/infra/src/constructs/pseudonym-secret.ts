import type { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { pseudonymSecretName } from '@userprofile/adapters-aws';
import { LAMBDA_ENV } from '@userprofile/http-lambda/contract';
import type { Construct } from 'constructs';

import { GENERATED_KEY_LENGTH, GeneratedKeySecret } from './generated-key-secret';
import type { RouteFunction } from './route-functions';

/** Characters in a generated pseudonym key. */
export const PSEUDONYM_KEY_LENGTH = GENERATED_KEY_LENGTH;

/** The only action anyone is granted on the secret: read one version of it (the current one, or an older one by id). */
export const PSEUDONYM_READ_ACTIONS = ['secretsmanager:GetSecretValue'] as const;

export interface PseudonymSecretProps {
  readonly environmentName: string;
  /** As the audit log group's: the key must live as long as the records it pseudonymised. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The audit trail's pseudonym key: a Secrets Manager secret whose value CloudFormation never
 * sees, generated at deploy as `{"key": "<64 letters and digits>"}`. Every pseudonym names the
 * secret version it was made with; a rotation is a new version (docs/security.md, "Pseudonyms in
 * the audit trail"), and the older versions stay readable by id, so the records of any period
 * can still be matched. Readable by the functions (which write records), the audit reader (who
 * searches them) and the table maintainer (whose migration report names legacy ids by pseudonym).
 */
export class PseudonymSecret extends GeneratedKeySecret {
  constructor(scope: Construct, id: string, props: PseudonymSecretProps) {
    super(scope, id, {
      secretId: 'Key',
      secretName: pseudonymSecretName(props.environmentName),
      description: `userprofile ${props.environmentName}: HMAC key of the audit trail's pseudonyms ({"key"}; one version per rotation)`,
      keyField: 'key',
      removalPolicy: props.removalPolicy,
      handRotation:
        'Rotated by hand, a new version per rotation (docs/security.md, "Pseudonyms in the audit trail"): a rotation Lambda would replace versions on a schedule that has to match the audit retention, and old versions must stay readable to match old records.',
    });
  }

  /** Lets a function make pseudonyms, and tells it where the key is: `GetSecretValue` on this secret only. */
  grantPseudonymising(fn: RouteFunction): void {
    this.grantRead(fn.function);
    // The secret's ARN, never its value.
    fn.function.addEnvironment(LAMBDA_ENV.pseudonymSecretArn, this.secret.secretArn);
  }

  /** Lets an operator's role compute pseudonyms (`pnpm pseudonym`, the migration report): `GetSecretValue` only. */
  grantRead(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [...PSEUDONYM_READ_ACTIONS],
      resourceArns: [this.secret.secretArn],
    });
  }
}
