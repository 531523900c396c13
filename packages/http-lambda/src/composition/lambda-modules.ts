import {
  CloudWatchLogsAuditTrail,
  createCloudWatchLogsClient,
  createDynamoDbDocumentClient,
  createSecretsManagerClient,
  createSsmClient,
  DynamoDbUserProfileRepository,
  SecretsManagerPseudonymKeys,
  SsmConfigProvider,
  type CursorKeySource,
  type SdkClientOptions,
} from '@userprofile/adapters-aws';
import type { Logger } from '@aws-lambda-powertools/logger';
import { AUDIT_TRAIL, PSEUDONYM_KEYS, USER_PROFILE_REPOSITORY } from '@userprofile/domain';
import { ContainerModule, type ServiceIdentifier } from 'inversify';

import { pseudonymisedTrail } from '../audit/pseudonymised-trail';
import { IDENTITY_SETTINGS } from '../http/identity';
import { createLogger, LOGGER, logRefreshFailure } from '../logging/logger';
import { LAMBDA_ENVIRONMENT, readLambdaEnvironment, type LambdaEnvironment } from '../settings/lambda-environment';
import { SETTINGS_PROVIDER } from '../settings/runtime-settings';
import { parseRuntimeSettings, RUNTIME_SETTINGS_PARAMETERS } from '../settings/settings-parsers';

/** How every SDK client of a function reaches AWS: its region, else the SDK's chain. */
export const SDK_CLIENT_OPTIONS: ServiceIdentifier<SdkClientOptions> = Symbol.for('userprofile.aws.SdkClientOptions');
export type DynamoDbClient = ReturnType<typeof createDynamoDbDocumentClient>;
type SsmClient = ReturnType<typeof createSsmClient>;
type CloudWatchLogsClient = ReturnType<typeof createCloudWatchLogsClient>;
export const DYNAMODB_CLIENT: ServiceIdentifier<DynamoDbClient> = Symbol.for('userprofile.aws.DynamoDbClient');
export const SSM_CLIENT: ServiceIdentifier<SsmClient> = Symbol.for('userprofile.aws.SsmClient');
export const CLOUDWATCH_LOGS_CLIENT: ServiceIdentifier<CloudWatchLogsClient> = Symbol.for(
  'userprofile.aws.CloudWatchLogsClient',
);
type SecretsManagerClient = ReturnType<typeof createSecretsManagerClient>;
/** Every function's (the pseudonym key); paged routes' functions read the cursor keys with it too. */
export const SECRETS_MANAGER_CLIENT: ServiceIdentifier<SecretsManagerClient> = Symbol.for(
  'userprofile.aws.SecretsManagerClient',
);
/** The keys page cursors are signed with (the repository's); bound only on functions of paged routes. */
export const CURSOR_KEYS: ServiceIdentifier<CursorKeySource> = Symbol.for('userprofile.aws.CursorKeys');

/**
 * An activation that starts the adapter's remote read as soon as it is built; its failure is
 * left to the first request that awaits the same read (which tries again, 503 if that fails).
 */
export const startingRead =
  <T>(read: (adapter: T) => Promise<unknown>) =>
  (_context: unknown, adapter: T): T => {
    read(adapter).catch(() => undefined);
    return adapter;
  };

/**
 * What the function's environment says (read once: a missing variable fails the cold start,
 * naming it), and what follows from it alone: the logger, the administrators' pool and the SDK
 * clients' region.
 */
export const lambdaEnvironmentModule = (processEnv: NodeJS.ProcessEnv): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(LAMBDA_ENVIRONMENT).toDynamicValue(() => readLambdaEnvironment(processEnv));
    bind(LOGGER).toResolvedValue(({ logLevel }: LambdaEnvironment) => createLogger(logLevel), [LAMBDA_ENVIRONMENT]);
    bind(IDENTITY_SETTINGS).toResolvedValue(
      ({ adminIssuer }: LambdaEnvironment) => ({ adminIssuer }),
      [LAMBDA_ENVIRONMENT],
    );
    // Each client resolves its own credentials from the environment, by the SDK's default chain.
    bind(SDK_CLIENT_OPTIONS).toResolvedValue(
      ({ region }: LambdaEnvironment) => (region ? { region } : {}),
      [LAMBDA_ENVIRONMENT],
    );
  });

/** The SDK clients every function uses, one each per cold start, with the request path's time-outs. */
export const awsClientsModule = /* @__PURE__ */ new ContainerModule(({ bind }) => {
  bind(DYNAMODB_CLIENT).toResolvedValue(createDynamoDbDocumentClient, [SDK_CLIENT_OPTIONS]);
  bind(SSM_CLIENT).toResolvedValue(createSsmClient, [SDK_CLIENT_OPTIONS]);
  bind(CLOUDWATCH_LOGS_CLIENT).toResolvedValue(createCloudWatchLogsClient, [SDK_CLIENT_OPTIONS]);
  bind(SECRETS_MANAGER_CLIENT).toResolvedValue(createSecretsManagerClient, [SDK_CLIENT_OPTIONS]);
});

/** The log group's own trail, which stores records as given: `AUDIT_TRAIL` is the pseudonymising one over it. */
const LOG_GROUP_AUDIT_TRAIL: ServiceIdentifier<CloudWatchLogsAuditTrail> = Symbol.for(
  'userprofile.aws.LogGroupAuditTrail',
);

/**
 * The runtime settings from SSM, the audit trail in its log group, and the key its targets are
 * pseudonymised with, from Secrets Manager. Each starts its remote read as it is built, during
 * init (the root builds the handler then), and requests await the same read (single flight):
 * the key only where a request writes a record, so most requests never wait for it.
 */
export const settingsAndAuditModule = /* @__PURE__ */ new ContainerModule(({ bind }) => {
  bind(SETTINGS_PROVIDER)
    .toResolvedValue(
      (client: SsmClient, { configPrefix }: LambdaEnvironment, logger: Logger) =>
        new SsmConfigProvider({
          client,
          prefix: configPrefix,
          names: RUNTIME_SETTINGS_PARAMETERS,
          parse: parseRuntimeSettings,
          onRefreshFailure: logRefreshFailure(logger, 'settings refresh failed; serving the last good settings'),
        }),
      [SSM_CLIENT, LAMBDA_ENVIRONMENT, LOGGER],
    )
    .onActivation(startingRead((config) => config.get()));
  bind<CloudWatchLogsAuditTrail>(LOG_GROUP_AUDIT_TRAIL)
    .toResolvedValue(
      (client: CloudWatchLogsClient, { auditLogGroup, functionName }: LambdaEnvironment) =>
        // The function's role may only write audit streams whose names start with its own name.
        new CloudWatchLogsAuditTrail({ client, logGroupName: auditLogGroup, writerName: functionName }),
      [CLOUDWATCH_LOGS_CLIENT, LAMBDA_ENVIRONMENT],
    )
    .onActivation(startingRead((audit) => audit.prepare()));
  bind<SecretsManagerPseudonymKeys>(PSEUDONYM_KEYS)
    .toResolvedValue(
      (client: SecretsManagerClient, { pseudonymSecretArn }: LambdaEnvironment, logger: Logger) =>
        new SecretsManagerPseudonymKeys({
          client,
          secretId: pseudonymSecretArn,
          onRefreshFailure: logRefreshFailure(logger, 'pseudonym key refresh failed; using the last good key'),
        }),
      [SECRETS_MANAGER_CLIENT, LAMBDA_ENVIRONMENT, LOGGER],
    )
    .onActivation(startingRead((keys) => keys.current()));
  bind(AUDIT_TRAIL).toResolvedValue(pseudonymisedTrail, [LOG_GROUP_AUDIT_TRAIL, PSEUDONYM_KEYS]);
});

/** The profile table; its cursors are signed with `CURSOR_KEYS` where the function has them. */
export const profileTableModule = /* @__PURE__ */ new ContainerModule(({ bind }) => {
  bind(USER_PROFILE_REPOSITORY).toResolvedValue(
    (client: DynamoDbClient, { tableName }: LambdaEnvironment, cursorKeys: CursorKeySource | undefined) =>
      new DynamoDbUserProfileRepository({ client, tableName, cursorKeys: cursorKeys ?? noCursorKeys }),
    [DYNAMODB_CLIENT, LAMBDA_ENVIRONMENT, { serviceIdentifier: CURSOR_KEYS, optional: true }],
  );
});

/** A function without the cursor secret serves no paged route: asking it for keys is a wiring fault. */
const noCursorKeys: CursorKeySource = {
  get: () => Promise.reject(new Error('this function has no CURSOR_SECRET_ARN: it cannot sign page cursors')),
};
