/**
 * What every cold start runs against, made on the local engines as CloudFormation and the
 * CDK app would make it in AWS: the service's two tables (`createServiceTables`, the
 * idempotency table with its subject index), the runtime settings in SSM, and the values known
 * only at deploy time (the cursor and pseudonym secrets, the audit log group, the end users'
 * user pool, the profile events' bus), all in moto; and the Lambda environment of one function
 * pointed at them.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { createServiceTables } from '@userprofile/adapters-aws';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { SSM_PARAMETER_NAMES } from '../../packages/adapters-aws/src/ssm/ssm-parameter-names';
import { LAMBDA_ENV } from '../../packages/http-lambda/src/contract/environment';
import { documentClient, dynamoDbClient, DUMMY_AWS_ENV, type Engine } from '../lib/engines';
import { BENCH_ADMIN_ISSUER, lambdaContext } from '../lib/events';
import { seedProfile } from '../lib/seed';
import type { ShippedFunction } from './cdk-out';

export const TABLE = 'user-profiles-bench-cold';
export const IDEMPOTENCY_TABLE = `${TABLE}-idempotency`;
const CONFIG_PREFIX_FALLBACK = '/userprofile/bench/';

export interface ColdStartInputs {
  readonly dynamo: Engine;
  /** moto: SSM, Secrets Manager, CloudWatch Logs, Cognito and EventBridge on one endpoint. */
  readonly ssm: Engine;
  readonly cdkOut: string;
}

/** What CloudFormation would fill in at deploy time, made in moto. */
export interface DeployTimeValues {
  readonly cursorSecretArn: string;
  readonly pseudonymSecretArn: string;
  readonly auditLogGroup: string;
  readonly userPoolId: string;
  readonly eventBusName: string;
}

/** What a scenario may put in place before a cold start: a profile, an end user's sign-in account. */
export interface ColdStartWorld {
  seedProfile(userId: string): Promise<void>;
  /** An account in the end users' pool whose username is `sub`, as an erasure deletes it (AdminDeleteUser by `sub`). */
  createAccount(sub: string): Promise<void>;
}

/**
 * The variables set from deploy-time values only where the template sets them (the rest are
 * absent from a function's environment, as in AWS): the name, and its value here.
 */
const deployTimeVariable = (deployed: DeployTimeValues): Readonly<Record<string, string>> => ({
  [LAMBDA_ENV.cursorSecretArn]: deployed.cursorSecretArn,
  // The example requests send no Idempotency-Key: a write names the table but only a delete's
  // forgetting, an erasure and an export call it.
  [LAMBDA_ENV.idempotencyTableName]: IDEMPOTENCY_TABLE,
  [LAMBDA_ENV.userPoolId]: deployed.userPoolId,
  [LAMBDA_ENV.eventBusName]: deployed.eventBusName,
});

/** The process environment Lambda gives a function, pointed at the local engines. */
const lambdaEnvironment = (
  name: string,
  fn: Pick<ShippedFunction, 'environment' | 'deployTimeVariables'>,
  dynamo: Engine,
  aws: Engine,
  deployed: DeployTimeValues,
): NodeJS.ProcessEnv => {
  const onlyWhereSet = deployTimeVariable(deployed);
  return {
    PATH: process.env.PATH,
    ...DUMMY_AWS_ENV,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    // moto serves every other service the functions reach on one endpoint.
    AWS_ENDPOINT_URL_SSM: aws.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: aws.endpoint,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: aws.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: aws.endpoint,
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    TZ: ':UTC',
    ...fn.environment,
    // Values CloudFormation would fill in at deploy time, and the reference's table.
    [LAMBDA_ENV.tableName]: TABLE,
    [LAMBDA_ENV.configPrefix]: fn.environment[LAMBDA_ENV.configPrefix] ?? CONFIG_PREFIX_FALLBACK,
    [LAMBDA_ENV.auditLogGroup]: deployed.auditLogGroup,
    // Every function pseudonymises its audit records' targets: it reads the key at init.
    [LAMBDA_ENV.pseudonymSecretArn]: deployed.pseudonymSecretArn,
    // The admin pool's issuer, a token at deploy time: every function needs it to start.
    [LAMBDA_ENV.adminIssuer]: BENCH_ADMIN_ISSUER,
    ...Object.fromEntries(fn.deployTimeVariables.filter((v) => v in onlyWhereSet).map((v) => [v, onlyWhereSet[v]])),
  };
};

const motoOptions = (endpoint: string) => ({
  endpoint,
  region: DUMMY_AWS_ENV.AWS_REGION,
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
});

const seedDeployTimeValues = async (endpoint: string): Promise<DeployTimeValues> => {
  const options = motoOptions(endpoint);
  const secrets = new SecretsManagerClient(options);
  const logs = new CloudWatchLogsClient(options);
  const cognito = new CognitoIdentityProviderClient(options);
  const events = new EventBridgeClient(options);
  const stamp = Date.now();
  const { ARN } = await secrets.send(
    new CreateSecretCommand({
      Name: `userprofile/bench/cursor-keys-${stamp}`,
      SecretString: JSON.stringify({ current: 'k'.repeat(64) }),
    }),
  );
  const pseudonymSecret = await secrets.send(
    new CreateSecretCommand({
      Name: `userprofile/bench/audit-pseudonym-key-${stamp}`,
      SecretString: JSON.stringify({ key: 'p'.repeat(64) }),
    }),
  );
  const auditLogGroup = `/userprofile/bench/audit-${stamp}`;
  await logs.send(new CreateLogGroupCommand({ logGroupName: auditLogGroup }));
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: `userprofile-bench-${stamp}` }));
  const eventBusName = `userprofile-bench-${stamp}`;
  await events.send(new CreateEventBusCommand({ Name: eventBusName }));
  for (const client of [secrets, logs, cognito, events]) client.destroy();
  return {
    cursorSecretArn: ARN!,
    pseudonymSecretArn: pseudonymSecret.ARN!,
    auditLogGroup,
    userPoolId: UserPool!.Id!,
    eventBusName,
  };
};

const seedSettings = async (ssmEndpoint: string, prefix: string): Promise<void> => {
  const ssm = new SSMClient(motoOptions(ssmEndpoint));
  const values: Record<keyof typeof SSM_PARAMETER_NAMES, string> = {
    tableName: TABLE,
    corsAllowedOrigins: 'none',
    defaultPageSize: '20',
    maxPageSize: '100',
    requireIfMatch: 'false',
  };
  for (const [setting, name] of Object.entries(SSM_PARAMETER_NAMES) as [keyof typeof SSM_PARAMETER_NAMES, string][]) {
    await ssm.send(
      new PutParameterCommand({ Name: `${prefix}${name}`, Value: values[setting], Type: 'String', Overwrite: true }),
    );
  }
  ssm.destroy();
};

/**
 * What every cold start runs against: the service's tables with 30 profiles to list, `fn`'s
 * settings in SSM, and the values CloudFormation would fill in at deploy time. `world` puts
 * what one request needs in place; `close` ends the clients that do it.
 */
export const seedColdStartEngines = async (
  inputs: Pick<ColdStartInputs, 'dynamo' | 'ssm'>,
  fn: Pick<ShippedFunction, 'environment'>,
): Promise<{ deployed: DeployTimeValues; world: ColdStartWorld; close: () => void }> => {
  const client = dynamoDbClient(inputs.dynamo.endpoint);
  const doc = documentClient(client);
  await createServiceTables(client, { profiles: TABLE, idempotency: IDEMPOTENCY_TABLE });
  await seedSettings(inputs.ssm.endpoint, fn.environment[LAMBDA_ENV.configPrefix] ?? CONFIG_PREFIX_FALLBACK);
  const deployed = await seedDeployTimeValues(inputs.ssm.endpoint);
  const cognito = new CognitoIdentityProviderClient(motoOptions(inputs.ssm.endpoint));
  const world: ColdStartWorld = {
    seedProfile: (userId) => seedProfile(doc, TABLE, userId),
    createAccount: async (sub) => {
      await cognito.send(
        new AdminCreateUserCommand({ UserPoolId: deployed.userPoolId, Username: sub, MessageAction: 'SUPPRESS' }),
      );
    },
  };
  for (const userId of Array.from({ length: 30 }, (_, i) => `cold-listed-${i}`)) {
    await world.seedProfile(userId);
  }
  return {
    deployed,
    world,
    close: () => {
      client.destroy();
      cognito.destroy();
    },
  };
};

/** The environment of one cold start of `fn`: Lambda's variables, and the event and context child.cjs invokes it with. */
export const childEnvironment = (
  fn: Pick<ShippedFunction, 'route' | 'environment' | 'deployTimeVariables'>,
  inputs: Pick<ColdStartInputs, 'dynamo' | 'ssm'>,
  deployed: DeployTimeValues,
  event: APIGatewayProxyEvent,
): NodeJS.ProcessEnv => ({
  ...lambdaEnvironment(fn.route.functionName, fn, inputs.dynamo, inputs.ssm, deployed),
  BENCH_EVENT: JSON.stringify(event),
  BENCH_CONTEXT: JSON.stringify(lambdaContext(fn.route.functionName)),
});
