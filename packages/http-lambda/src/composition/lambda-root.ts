import 'reflect-metadata/lite';

import {
  createSecretsManagerClient,
  DynamoDbIdempotencyStore,
  DynamoDbUserProfileRepository,
  SecretsManagerCursorKeys,
  type CursorKeySource,
} from '@userprofile/adapters-aws';
import type { ContainerModule, Newable } from 'inversify';

import type { RouteHandler } from '../http/api-request';
import { describeError } from '../logging/logger';
import { containerOf, proxyHandlerOf, type ProxyHandler } from './container';
import { MissingEnvironmentVariableError, type LambdaStart } from './lambda-start';
import { portsModule, type PortAdapters } from './ports-module';

/** What a function needs beyond what every function has. Its entry names it, so only its bundle holds it. */
export type LambdaPart = (start: LambdaStart) => Partial<PortAdapters> & { readonly cursorKeys?: CursorKeySource };

/**
 * The Lambda composition root, called once per function at module load (cold start): the
 * route's handler, its use case and its parts, on what every function has started.
 */
export function lambdaHandlerFor(
  start: LambdaStart,
  handlerClass: Newable<RouteHandler>,
  useCase: ContainerModule,
  ...parts: LambdaPart[]
): ProxyHandler {
  const { cursorKeys = noCursorKeys, ...added }: ReturnType<LambdaPart> = Object.assign(
    {},
    ...parts.map((part) => part(start)),
  );
  const { env, logger, config, audit, dynamo } = start;
  const repository = new DynamoDbUserProfileRepository({ client: dynamo, tableName: env.tableName, cursorKeys });
  const adapters: PortAdapters = { logger, config, audit, repository, ...added };
  return proxyHandlerOf(containerOf(portsModule(adapters), useCase), handlerClass);
}

/** A write's part (its rows are `idempotent`): the table of its `Idempotency-Key` records. */
export const idempotencyRecords: LambdaPart = ({ env, dynamo }) => {
  if (!env.idempotency) throw new MissingEnvironmentVariableError('IDEMPOTENCY_TABLE_NAME');
  const { tableName, ...idempotencySettings } = env.idempotency;
  return { idempotencyStore: new DynamoDbIdempotencyStore({ client: dynamo, tableName }), idempotencySettings };
};

/** A paged route's part: the Secrets Manager keys its cursors are signed with, read from now on. */
export const pageCursorKeys: LambdaPart = ({ env, logger, aws }) => {
  if (!env.cursorSecretArn) throw new MissingEnvironmentVariableError('CURSOR_SECRET_ARN');
  const cursorKeys = new SecretsManagerCursorKeys({
    client: createSecretsManagerClient(aws),
    secretId: env.cursorSecretArn,
    onRefreshFailure: (error) =>
      logger.warn('cursor keys refresh failed; using the last good keys', describeError(error)),
  });
  cursorKeys.get().catch(() => undefined);
  return { cursorKeys };
};

/** A function without the cursor secret serves no paged route: asking it for keys is a wiring fault. */
const noCursorKeys: CursorKeySource = {
  get: () => Promise.reject(new Error('this function has no CURSOR_SECRET_ARN: it cannot sign page cursors')),
};
