import type { Logger } from '@aws-lambda-powertools/logger';
import type { createCloudWatchLogsClient } from '@userprofile/adapters-aws';
import {
  CloudWatchLogsAuditSearch,
  DynamoDbIdempotencyStore,
  SecretsManagerCursorKeys,
  type SecretsManagerCursorKeysOptions,
} from '@userprofile/adapters-aws';
import { AUDIT_TRAIL_SEARCH, IDEMPOTENCY_STORE } from '@userprofile/domain';
import { ContainerModule } from 'inversify';

import type { RemotePart } from '../routes';

import { LAMBDA_ENV } from '../contract/environment';
import { IDEMPOTENCY_SETTINGS } from '../http/idempotency/idempotency-settings';
import { describeError, LOGGER } from '../logging/logger';
import {
  LAMBDA_ENVIRONMENT,
  MissingEnvironmentVariableError,
  type LambdaEnvironment,
} from '../settings/lambda-environment';
import {
  CLOUDWATCH_LOGS_CLIENT,
  CURSOR_KEYS,
  DYNAMODB_CLIENT,
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

const idempotencyOf = (env: LambdaEnvironment): NonNullable<LambdaEnvironment['idempotency']> => {
  if (!env.idempotency) throw new MissingEnvironmentVariableError(LAMBDA_ENV.idempotencyTableName);
  return env.idempotency;
};

/** A write's part: the table of its `Idempotency-Key` records, and how long they live. */
export const idempotencyRecords: PartModule<'idempotencyRecords'> = {
  part: 'idempotencyRecords',
  module: /* @__PURE__ */ new ContainerModule(({ bind }) => {
    bind(IDEMPOTENCY_STORE).toResolvedValue(
      (client: DynamoDbClient, env: LambdaEnvironment) =>
        new DynamoDbIdempotencyStore({ client, tableName: idempotencyOf(env).tableName }),
      [DYNAMODB_CLIENT, LAMBDA_ENVIRONMENT],
    );
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
  module: /* @__PURE__ */ new ContainerModule(({ bind }) => {
    bind(IDEMPOTENCY_STORE).toResolvedValue(
      (client: DynamoDbClient, env: LambdaEnvironment) =>
        new DynamoDbIdempotencyStore({ client, tableName: idempotencyOf(env).tableName }),
      [DYNAMODB_CLIENT, LAMBDA_ENVIRONMENT],
    );
  }),
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
        ({ cursorSecretArn }: LambdaEnvironment, client: SecretsManagerCursorKeysOptions['client'], logger: Logger) => {
          if (!cursorSecretArn) throw new MissingEnvironmentVariableError(LAMBDA_ENV.cursorSecretArn);
          return new SecretsManagerCursorKeys({
            client,
            secretId: cursorSecretArn,
            onRefreshFailure: (error) =>
              logger.warn('cursor keys refresh failed; using the last good keys', describeError(error)),
          });
        },
        [LAMBDA_ENVIRONMENT, SECRETS_MANAGER_CLIENT, LOGGER],
      )
      .onActivation(startingRead((keys) => keys.get()));
  }),
};
