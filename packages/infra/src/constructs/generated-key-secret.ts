import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Characters in a generated key: 64 letters and digits carry about 380 bits. */
export const GENERATED_KEY_LENGTH = 64;

export interface GeneratedKeySecretProps {
  /** The construct id of the secret itself, which fixes its CloudFormation logical id. */
  readonly secretId: string;
  /** The secret's name; CloudFormation generates one when absent. */
  readonly secretName?: string;
  readonly description: string;
  /** The JSON field the generated key is put in: the value is `{"<keyField>": "<64 letters and digits>"}`. */
  readonly keyField: string;
  readonly removalPolicy: RemovalPolicy;
  /** Why the secret has no rotation Lambda (cdk-nag's AwsSolutions-SMG4), naming where its hand rotation is written down. */
  readonly handRotation: string;
}

/**
 * A Secrets Manager secret holding one key generated at deploy, whose value CloudFormation
 * never sees, and rotated by hand rather than by a rotation Lambda. The cursor keys and the
 * audit pseudonym key are both made this way.
 */
export class GeneratedKeySecret extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: GeneratedKeySecretProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, props.secretId, {
      ...(props.secretName !== undefined && { secretName: props.secretName }),
      description: props.description,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({}),
        generateStringKey: props.keyField,
        passwordLength: GENERATED_KEY_LENGTH,
        excludePunctuation: true,
        includeSpace: false,
      },
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: props.handRotation });
  }
}
