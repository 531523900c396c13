import type { Logger } from '@aws-lambda-powertools/logger';
import type { createCloudWatchLogsClient, SdkClientOptions } from '@userprofile/adapters-aws';
import {
  CloudWatchLogsAuditSearch,
  CognitoAccountDirectory,
  createCognitoClient,
  createRequestPathEventBridgeClient,
  DynamoDbIdempotencyStore,
  EventBridgeUserProfileEventPublisher,
  SecretsManagerCursorKeys,
  type CachedSecretOptions,
} from '@userprofile/adapters-aws';
import {
  ACCOUNT_DIRECTORY,
  AUDIT_TRAIL_SEARCH,
  IDEMPOTENCY_STORE,
  USER_PROFILE_EVENT_PUBLISHER,
} from '@userprofile/domain';
import { ContainerModule, type ContainerModuleLoadOptions, type ServiceIdentifier } from 'inversify';

import type { RemotePart } from '../routes';

import { LAMBDA_ENV } from '../contract/environment';
import { IDEMPOTENCY_SETTINGS } from '../http/idempotency/idempotency-settings';
import { LOGGER, logRefreshFailure } from '../logging/logger';
import {
  LAMBDA_ENVIRONMENT,
  MissingEnvironmentVariableError,
  type LambdaEnvironment,
} from '../settings/lambda-environment';
import {
  CLOUDWATCH_LOGS_CLIENT,
  CURSOR_KEYS,
  DYNAMODB_CLIENT,
  SDK_CLIENT_OPTIONS,
  SECRETS_MANAGER_CLIENT,
  startingRead,
  type DynamoDbClient,
} from './lambda-modules';

/**
 * What a function reaches beyond every function's settings and audit stream, one module per
 * `RemotePart` of the route table. Its Lambda entry names them (the compiler checks them against
 * its rows), so only its bundle holds them.
 */

/** A part's module, named by its part so that an entry cannot pass one for another. */
export interface PartModule<P extends RemotePart> {
  readonly part: P;
  readonly module: ContainerModule;
}

/** A setting only functions with a part have: its absence there is a deployment mistake, named at cold start. */
const partSetting = (env: LambdaEnvironment, name: 'cursorSecretArn' | 'userPoolId' | 'eventBusName'): string => {
  const value = env[name];
  if (!value) throw new MissingEnvironmentVariableError(LAMBDA_ENV[name]);
  return value;
};

/**
 * A part that opens an SDK client of its own (so only the functions whose routes need it pay for
 * it) and builds its one adapter on that client and the function's settings.
 */
function clientPart<P extends RemotePart, Client, Adapter>(
  part: P,
  [clientToken, createClient]: readonly [ServiceIdentifier<Client>, (options: SdkClientOptions) => Client],
  [adapterToken, createAdapter]: readonly [
    ServiceIdentifier<Adapter>,
    (client: Client, env: LambdaEnvironment) => Adapter,
  ],
): PartModule<P> {
  return {
    part,
    module: new ContainerModule(({ bind }) => {
      bind(clientToken).toResolvedValue(createClient, [SDK_CLIENT_OPTIONS]);
      bind(adapterToken).toResolvedValue(createAdapter, [clientToken, LAMBDA_ENVIRONMENT]);
    }),
  };
}

const idempotencyOf = (env: LambdaEnvironment): NonNullable<LambdaEnvironment['idempotency']> => {
  if (!env.idempotency) throw new MissingEnvironmentVariableError(LAMBDA_ENV.idempotencyTableName);
  return env.idempotency;
};

/**
 * The idempotency table's store, bound once however many of a function's parts reach it (a
 * DELETE honours keys and forgets stored responses): the first part's module binds it.
 */
const bindIdempotencyStore = ({ bind, isBound }: ContainerModuleLoadOptions): void => {
  if (isBound(IDEMPOTENCY_STORE)) return;
  bind(IDEMPOTENCY_STORE).toResolvedValue(
    (client: DynamoDbClient, env: LambdaEnvironment) =>
      new DynamoDbIdempotencyStore({ client, tableName: idempotencyOf(env).tableName }),
    [DYNAMODB_CLIENT, LAMBDA_ENVIRONMENT],
  );
};

/** A write's part: the table of its `Idempotency-Key` records, and how long they live. */
export const idempotencyRecords: PartModule<'idempotencyRecords'> = {
  part: 'idempotencyRecords',
  module: /* @__PURE__ */ new ContainerModule((options) => {
    const { bind } = options;
    bindIdempotencyStore(options);
    bind(IDEMPOTENCY_SETTINGS).toResolvedValue(
      (env: LambdaEnvironment) => {
        const { replayWindowSeconds, inFlightSeconds } = idempotencyOf(env);
        return { replayWindowSeconds, inFlightSeconds };
      },
      [LAMBDA_ENVIRONMENT],
    );
  }),
};

/**
 * An export's part: one caller's `Idempotency-Key` records, read only (a Query on the table; the
 * function may do nothing else there, so it never claims a key).
 */
export const idempotencyRecordsRead: PartModule<'idempotencyRecordsRead'> = {
  part: 'idempotencyRecordsRead',
  module: /* @__PURE__ */ new ContainerModule(bindIdempotencyStore),
};

/** An export's part: the audit log group, searched (FilterLogEvents) within `AUDIT_SEARCH_DAYS`. */
export const auditTrailSearch: PartModule<'auditTrailSearch'> = {
  part: 'auditTrailSearch',
  module: /* @__PURE__ */ new ContainerModule(({ bind }) => {
    bind(AUDIT_TRAIL_SEARCH).toResolvedValue(
      (client: CloudWatchLogsClient, { auditLogGroup, auditSearchDays }: LambdaEnvironment) =>
        new CloudWatchLogsAuditSearch({
          client,
          logGroupName: auditLogGroup,
          ...(auditSearchDays !== undefined && { windowDays: auditSearchDays }),
        }),
      [CLOUDWATCH_LOGS_CLIENT, LAMBDA_ENVIRONMENT],
    );
  }),
};

type CloudWatchLogsClient = ReturnType<typeof createCloudWatchLogsClient>;

/** A paged route's part: the Secrets Manager keys its cursors are signed with, read from init on. */
export const pageCursorKeys: PartModule<'pageCursorKeys'> = {
  part: 'pageCursorKeys',
  module: /* @__PURE__ */ new ContainerModule(({ bind }) => {
    bind(CURSOR_KEYS)
      .toResolvedValue(
        (env: LambdaEnvironment, client: CachedSecretOptions['client'], logger: Logger) =>
          new SecretsManagerCursorKeys({
            client,
            secretId: partSetting(env, 'cursorSecretArn'),
            onRefreshFailure: logRefreshFailure(logger, 'cursor keys refresh failed; using the last good keys'),
          }),
        [LAMBDA_ENVIRONMENT, SECRETS_MANAGER_CLIENT, LOGGER],
      )
      .onActivation(startingRead((keys) => keys.get()));
  }),
};

/** A deletion's or an erasure's part: the stored responses about a user, to forget them. */
export const storedResponses: PartModule<'storedResponses'> = {
  part: 'storedResponses',
  module: /* @__PURE__ */ new ContainerModule(bindIdempotencyStore),
};

type CognitoClient = ReturnType<typeof createCognitoClient>;
export const COGNITO_CLIENT: ServiceIdentifier<CognitoClient> = Symbol.for('userprofile.aws.CognitoClient');

/** An erasure's part: the end users' user pool, whose accounts it deletes. */
export const accountDirectory = /* @__PURE__ */ clientPart(
  'accountDirectory',
  [COGNITO_CLIENT, createCognitoClient],
  [ACCOUNT_DIRECTORY, (client, env) => new CognitoAccountDirectory(client, partSetting(env, 'userPoolId'))],
);

type EventBridgeClient = ReturnType<typeof createRequestPathEventBridgeClient>;
export const EVENTBRIDGE_CLIENT: ServiceIdentifier<EventBridgeClient> = Symbol.for('userprofile.aws.EventBridgeClient');

/** An erasure's part: the profile events' bus, which hears that an account was erased. */
export const eventBus = /* @__PURE__ */ clientPart(
  'eventBus',
  [EVENTBRIDGE_CLIENT, createRequestPathEventBridgeClient],
  [
    USER_PROFILE_EVENT_PUBLISHER,
    (client, env) =>
      new EventBridgeUserProfileEventPublisher({ client, eventBusName: partSetting(env, 'eventBusName') }),
  ],
);
