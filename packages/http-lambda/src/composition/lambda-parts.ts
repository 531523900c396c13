import type { Logger } from '@aws-lambda-powertools/logger';
import {
  DynamoDbIdempotencyStore,
  SecretsManagerCursorKeys,
  type SecretsManagerCursorKeysOptions,
} from '@userprofile/adapters-aws';
import { IDEMPOTENCY_STORE } from '@userprofile/domain';
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
