import 'reflect-metadata/lite';

import type { Logger } from '@aws-lambda-powertools/logger';
import {
  CloudWatchLogsAuditTrail,
  createCloudWatchLogsClient,
  createDynamoDbDocumentClient,
  createSecretsManagerClient,
  DynamoDbIdempotencyStore,
  DynamoDbUserProfileRepository,
  SecretsManagerCursorKeys,
  signedParametersReader,
  SsmConfigProvider,
  type AwsJsonClientOptions,
  type CursorKeySource,
} from '@userprofile/adapters-aws';
import type { ContainerModule, Newable } from 'inversify';

import type { RouteHandler } from '../http/api-request';
import { createLogger, describeError } from '../logging/logger';
import { parseRuntimeSettings, RUNTIME_SETTINGS_PARAMETERS } from '../settings/settings-parsers';
import { containerOf, proxyHandlerOf, type ProxyHandler } from './container';
import { MissingEnvironmentVariableError, readLambdaEnvironment, type LambdaEnvironment } from './lambda-environment';
import { portsModule, type PortAdapters } from './ports-module';

/** What a function's adapters are built from. */
interface ColdStart {
  readonly env: LambdaEnvironment;
  readonly logger: Logger;
  readonly dynamo: ReturnType<typeof createDynamoDbDocumentClient>;
  /** The DynamoDB client's credentials and region, for the signed calls to the other services. */
  readonly aws: AwsJsonClientOptions;
}

/** What a function needs beyond what every function has. Its entry names it, so only its bundle holds it. */
export type LambdaPart = (start: ColdStart) => Partial<PortAdapters> & { readonly cursorKeys?: CursorKeySource };

/**
 * The Lambda composition root, called once per function at module load (cold start): the
 * route's handler, its use case and its parts on the adapters every function has. The only
 * place Lambda code reads `process.env`.
 */
export function lambdaHandlerFor(
  handlerClass: Newable<RouteHandler>,
  useCase: ContainerModule,
  ...parts: LambdaPart[]
): ProxyHandler {
  const env = readLambdaEnvironment(process.env);
  const logger = createLogger(env.logLevel);
  const dynamo = createDynamoDbDocumentClient(env.region ? { region: env.region } : {});
  const aws = { credentials: dynamo.config.credentials, region: dynamo.config.region };
  const { cursorKeys, ...added }: ReturnType<LambdaPart> = Object.assign(
    {},
    ...parts.map((part) => part({ env, logger, dynamo, aws })),
  );
  const config = new SsmConfigProvider({
    reader: signedParametersReader(aws),
    prefix: env.configPrefix,
    names: RUNTIME_SETTINGS_PARAMETERS,
    parse: parseRuntimeSettings,
    onRefreshFailure: (error) =>
      logger.warn('settings refresh failed; serving the last good settings', describeError(error)),
  });
  const audit = new CloudWatchLogsAuditTrail({
    client: createCloudWatchLogsClient(aws),
    logGroupName: env.auditLogGroup,
  });
  // Reads the first request would wait on start now, so their round trips overlap each other and
  // the rest of the cold start; requests await the same reads (single flight). A failure is not
  // reported here: the first request that needs the value tries again, and answers 503 if that fails.
  for (const read of [config.get(), audit.prepare(), cursorKeys?.get()]) read?.catch(() => undefined);
  const repository = new DynamoDbUserProfileRepository({
    client: dynamo,
    tableName: env.tableName,
    cursorKeys: cursorKeys ?? noCursorKeys,
  });
  const adapters: PortAdapters = { logger, config, repository, audit, ...added };
  return proxyHandlerOf(containerOf(portsModule(adapters), useCase), handlerClass);
}

/** A write's part (its rows are `idempotent`): the table of its `Idempotency-Key` records. */
export const idempotencyRecords: LambdaPart = ({ env, dynamo }) => {
  if (!env.idempotency) throw new MissingEnvironmentVariableError('IDEMPOTENCY_TABLE_NAME');
  const { tableName, ...idempotencySettings } = env.idempotency;
  return { idempotencyStore: new DynamoDbIdempotencyStore({ client: dynamo, tableName }), idempotencySettings };
};

/** A paged route's part: the Secrets Manager keys its page cursors are signed with. */
export const pageCursorKeys: LambdaPart = ({ env, logger, aws }) => {
  if (!env.cursorSecretArn) throw new MissingEnvironmentVariableError('CURSOR_SECRET_ARN');
  const cursorKeys = new SecretsManagerCursorKeys({
    client: createSecretsManagerClient(aws),
    secretId: env.cursorSecretArn,
    onRefreshFailure: (error) =>
      logger.warn('cursor keys refresh failed; using the last good keys', describeError(error)),
  });
  return { cursorKeys };
};

/** A function without the cursor secret serves no paged route: asking it for keys is a wiring fault. */
const noCursorKeys: CursorKeySource = {
  get: () => Promise.reject(new Error('this function has no CURSOR_SECRET_ARN: it cannot sign page cursors')),
};
