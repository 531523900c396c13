/** The dynalite image this repository defines (scripts/container-engine/dynalite-image). */
export const DEFAULT_DYNAMODB_TEST_IMAGE = 'localhost/userprofile-dynalite:4.0.0';

/** How to run one DynamoDB-API image: where it serves and what it must be told to run. */
export interface DynamoDbContainerSpec {
  readonly image: string;
  readonly port: number;
  /** The container's command, when the image's default does not serve. */
  readonly command?: readonly string[];
}

const DYNAMODB_LOCAL = /^(?:[^/]+\/)*amazon\/dynamodb-local(?::[^/]+)?$/;

/**
 * The image to test against, from `DYNAMODB_TEST_IMAGE` (else ours). AWS's DynamoDB Local
 * (`amazon/dynamodb-local[:tag]`, from any registry) serves on 8000 and needs its jar named,
 * in memory, one shared database; any other image serves on `DYNAMODB_TEST_IMAGE_PORT`
 * (8000 by default) with its own command.
 */
export function dynamoDbContainerSpec(env: NodeJS.ProcessEnv = process.env): DynamoDbContainerSpec {
  const image = env.DYNAMODB_TEST_IMAGE || DEFAULT_DYNAMODB_TEST_IMAGE;
  if (DYNAMODB_LOCAL.test(image)) {
    return { image, port: 8000, command: ['-jar', 'DynamoDBLocal.jar', '-inMemory', '-sharedDb'] };
  }
  return { image, port: Number(env.DYNAMODB_TEST_IMAGE_PORT || 8000) };
}
