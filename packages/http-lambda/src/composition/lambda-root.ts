import 'reflect-metadata/lite';

import {
  CloudWatchLogsAuditTrail,
  createCloudWatchLogsClient,
  createDynamoDbDocumentClient,
  createSecretsManagerClient,
  createSsmClient,
  DynamoDbIdempotencyStore,
  DynamoDbUserProfileRepository,
  SecretsManagerCursorKeys,
  SsmConfigProvider,
  type CursorKeySource,
  type SdkClientOptions,
} from '@userprofile/adapters-aws';
import type { ContainerModule, Newable } from 'inversify';

import type { RouteHandler } from '../http/api-request';
import { createLogger, describeError } from '../logging/logger';
import { MissingEnvironmentVariableError, readLambdaEnvironment } from '../settings/lambda-environment';
import type { SettingsProvider } from '../settings/runtime-settings';
import { parseRuntimeSettings, RUNTIME_SETTINGS_PARAMETERS } from '../settings/settings-parsers';
import { containerOf, proxyHandlerOf, type ProxyHandler } from './container';
import { portsModule, type PortAdapters } from './ports-module';

/** What every function builds first at a cold start. */
export type LambdaStart = ReturnType<typeof startLambda>;

/**
 * Reads the environment, builds the clients, and starts the reads a first request would wait
 * on (the settings, the audit stream), which requests then await (single flight). A failure is
 * not reported here: the first request that needs the value tries again (503 if that fails).
 */
export function startLambda(processEnv: NodeJS.ProcessEnv) {
  const env = readLambdaEnvironment(processEnv);
  const logger = createLogger(env.logLevel);
  // Each client resolves its own credentials from the environment, by the SDK's default chain.
  const aws: SdkClientOptions = env.region ? { region: env.region } : {};
  const dynamo = createDynamoDbDocumentClient(aws);
  const config: SettingsProvider = new SsmConfigProvider({
    client: createSsmClient(aws),
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
  config.get().catch(() => undefined);
  audit.prepare().catch(() => undefined);
  return { env, logger, dynamo, aws, config, audit };
}

/** What a function needs beyond what every function has. Its entry names it, so only its bundle holds it. */
export type LambdaPart = (start: LambdaStart) => Partial<PortAdapters> & { readonly cursorKeys?: CursorKeySource };

/**
 * The Lambda composition root, called once per function at module load (cold start): the
 * route's handler, its use case and its parts, on what every function starts with. The only
 * place Lambda code reads `process.env`.
 */
export function lambdaHandlerFor(
  handlerClass: Newable<RouteHandler>,
  useCase: ContainerModule,
  ...parts: LambdaPart[]
): ProxyHandler {
  const start = startLambda(process.env);
  const { cursorKeys = noCursorKeys, ...added }: ReturnType<LambdaPart> = Object.assign(
    {},
    ...parts.map((part) => part(start)),
  );
  const { env, logger, config, audit, dynamo } = start;
  const repository = new DynamoDbUserProfileRepository({ client: dynamo, tableName: env.tableName, cursorKeys });
  const adapters: PortAdapters = { logger, config, audit, repository, adminIssuer: env.adminIssuer, ...added };
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
