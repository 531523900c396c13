import { createServer, type Server } from 'node:http';
import * as path from 'node:path';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDbDocumentClient,
  createServiceTables,
  DynamoDbIdempotencyStore,
  DynamoDbUserProfileRepository,
} from '@userprofile/adapters-aws';
import type { PseudonymKey, UserProfileEvent } from '@userprofile/domain';
import { buildOpenApiDocument, createLogger, createRouteHandlers } from '@userprofile/http-lambda';
import { LAMBDA_ENV } from '@userprofile/http-lambda/contract';
import { FileAuditTrail } from './file-audit-trail';
import { createGatewayResponses } from './gateway-responses';
import { IDENTITY_DIRECTORY_FILE, LocalIdentityDirectory } from './local-identity-directory';
import { eventEchoingRepository, eventLine, localEventPublisher } from './local-profile-events';
import { LOCK_FILE, lockDataDir } from './data-dir-lock';
import { compactStore } from './dynalite-launcher.cjs';
import { embeddedStore, StoreStoppedError } from './embedded-store';
import {
  KEYS_FOLDER,
  loadOrCreateCursorSigningKey,
  loadOrCreatePseudonymKey,
  loadOrCreateSigningKeys,
} from './local-keys';
import { createLocalGateway, type AccessLogEntry } from './local-gateway';
import { EnvironmentConfigProvider, LOCAL_TABLES, LocalSettingsError } from './local-settings';
import { createLocalTokenVerifier, LOCAL_ADMIN_TOKEN_ISSUER } from './local-tokens';
import { makePrivateDir, tightenDataDir, UnsafeFileError } from './private-files';
import { closeGracefully, listenLocally, LOCAL_HOST } from './server-lifecycle';
import { cacheVerifiedTokens } from './token-cache';

export interface LocalServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Holds the store (`dynamodb/`) and the keys (`keys/`). Created if absent. */
  readonly dataDir: string;
  /** Keep profiles in memory only; keys still live in `dataDir` so tokens stay valid. */
  readonly inMemory?: boolean;
  /** Runtime settings source; defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Receives one entry per request; defaults to a JSON line on stdout. */
  readonly accessLog?: (entry: AccessLogEntry) => void;
  /**
   * The handlers' log level (Powertools: DEBUG, INFO, WARN, ERROR, SILENT). WARN keeps to one
   * line per request (the access log's); INFO adds each handler's own line.
   * @default env LOG_LEVEL, else WARN
   */
  readonly logLevel?: string;
  /**
   * Receives the profile change event each write means, as the deployed bus would get it.
   * @default with env `LOCAL_EVENTS=stdout`, a JSON line on stdout per event; else none
   */
  readonly profileEvents?: (event: UserProfileEvent) => void;
  /** Longest wait for in-flight requests on `close()`. @default 10000 */
  readonly shutdownTimeoutMs?: number;
}

export interface LocalServer {
  /** e.g. `http://127.0.0.1:3000`, without a trailing slash. */
  readonly url: string;
  readonly dataDir: string;
  readonly inMemory: boolean;
  /**
   * Stops accepting connections, lets in-flight requests finish (bounded wait), then closes
   * the store so that every acknowledged write is on disk. Safe to call more than once.
   */
  close(): Promise<void>;
}

/** The store's folder, and all the server keeps in its data folder (store, keys, pid lock, user pool). */
const STORE_FOLDER = 'dynamodb';
const DATA_DIR_ENTRIES = [STORE_FOLDER, KEYS_FOLDER, LOCK_FILE, IDENTITY_DIRECTORY_FILE] as const;

/** What the SDK is told the store's address is; the in-process handler never resolves it. */
const EMBEDDED_STORE_ENDPOINT = 'http://embedded-store.invalid';

/**
 * Runs `step`; a file-system failure stops the server with a message naming `what` (and the
 * file, when a check named one), never a stack trace or a hang.
 */
const asLocalSettingsError = async <T>(what: string, step: () => Promise<T>): Promise<T> => {
  try {
    return await step();
  } catch (error) {
    if (error instanceof UnsafeFileError) throw new LocalSettingsError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new LocalSettingsError(`${what} cannot be created or written (${code})`);
    throw error;
  }
};

const defaultAccessLog = (entry: AccessLogEntry): void => {
  process.stdout.write(
    `${JSON.stringify({ level: 'INFO', message: 'request', timestamp: new Date().toISOString(), ...entry })}\n`,
  );
};

/**
 * Starts the API on 127.0.0.1 with an embedded dynalite: the same handlers and adapters as in
 * AWS, with this server playing API Gateway and its Cognito authorizer.
 * @throws LocalSettingsError for a bad setting, or a message naming a port already in use.
 */
export const startLocalServer = async (options: LocalServerOptions): Promise<LocalServer> => {
  const inMemory = options.inMemory ?? false;
  const dataDir = path.resolve(options.dataDir);
  const env = options.env ?? process.env;
  // Settings first: a bad value stops the server before it touches the data folder.
  const config = new EnvironmentConfigProvider(env);
  await asLocalSettingsError(`the data folder ${dataDir}`, () => makePrivateDir(dataDir));
  // In memory, nothing on disk is shared but the keys, which are safe to share.
  const lock = inMemory
    ? { ok: true as const, release: async () => undefined }
    : await asLocalSettingsError(`the data folder ${dataDir}`, () => lockDataDir(dataDir));
  if (!lock.ok) {
    throw new LocalSettingsError(
      `another local server (pid ${lock.heldBy}) is using the data folder ${dataDir}; stop it, or set DATA_DIR to another folder`,
    );
  }
  let signingKeys: Awaited<ReturnType<typeof loadOrCreateSigningKeys>>;
  let cursorSigningKey: string;
  let pseudonymKey: PseudonymKey;
  // The user pool's stand-in: erasure deletes its accounts, and their tokens are refused after.
  let identityDirectory: LocalIdentityDirectory;
  try {
    [signingKeys, cursorSigningKey, pseudonymKey] = await asLocalSettingsError(`the keys in ${dataDir}`, () =>
      Promise.all([
        loadOrCreateSigningKeys(dataDir),
        loadOrCreateCursorSigningKey(dataDir),
        loadOrCreatePseudonymKey(dataDir),
      ]),
    );
    identityDirectory = await asLocalSettingsError(`the identity directory in ${dataDir}`, () =>
      LocalIdentityDirectory.open(inMemory ? undefined : path.join(dataDir, IDENTITY_DIRECTORY_FILE)),
    );
  } catch (error) {
    await lock.release();
    throw error;
  }

  // No listener: the store is reached only through this process's own client (see embedded-store).
  const store = embeddedStore(inMemory ? {} : { path: path.join(dataDir, STORE_FOLDER) });
  const client = createDynamoDbDocumentClient({
    endpoint: EMBEDDED_STORE_ENDPOINT,
    inProcessEngine: store.requestHandler,
  });
  const closeStore = async (): Promise<void> => {
    client.destroy();
    try {
      await store.close();
      if (!inMemory) {
        // Deleted profiles and forgotten responses leave LevelDB's files only when compacted
        // (erasure promises nothing of the user is left); one that fails is retried at the next stop.
        await compactStore(path.join(dataDir, STORE_FOLDER)).catch(() => undefined);
        // Store files written since start-up were created under the process umask.
        await tightenDataDir(dataDir, DATA_DIR_ENTRIES).catch(() => undefined);
      }
    } finally {
      await lock.release();
    }
  };

  let server: Server;
  let port: number;
  const underWay = new Set<Promise<void>>();
  try {
    try {
      await createServiceTables(client, LOCAL_TABLES);
    } catch (error) {
      // The store's own reason says what LevelDB found wrong with the folder.
      const reason = error instanceof StoreStoppedError ? error.reason : (error as Error).name;
      throw new LocalSettingsError(
        `the store in ${inMemory ? 'memory' : path.join(dataDir, STORE_FOLDER)} could not be opened: ${reason}`,
      );
    }
    await asLocalSettingsError(`the data folder ${dataDir}`, () => tightenDataDir(dataDir, DATA_DIR_ENTRIES));
    const store = new DynamoDbUserProfileRepository({ client, tableName: LOCAL_TABLES.profiles, cursorSigningKey });
    const emitEvent =
      options.profileEvents ??
      (env.LOCAL_EVENTS === 'stdout' ? (event: UserProfileEvent) => console.log(eventLine(event)) : undefined);
    const repository = emitEvent ? eventEchoingRepository(store, emitEvent) : store;
    const logger = createLogger(options.logLevel ?? env[LAMBDA_ENV.logLevel] ?? 'WARN');
    const idempotencyStore = new DynamoDbIdempotencyStore({ client, tableName: LOCAL_TABLES.idempotency });
    // The audit records the deployed service writes to its audit log group, as JSON lines (0600).
    const audit = new FileAuditTrail(path.join(dataDir, 'audit.log'));
    const handlers = createRouteHandlers({
      repository,
      config,
      logger,
      idempotencyStore,
      audit,
      // The pseudonym secret's part: the audit file's targets are keyed pseudonyms, as in AWS.
      pseudonymKeys: { current: () => Promise.resolve(pseudonymKey) },
      accountDirectory: identityDirectory,
      eventPublisher: localEventPublisher(emitEvent),
      // The local administrators' pool, as ADMIN_ISSUER names the admin pool in AWS.
      adminIssuer: LOCAL_ADMIN_TOKEN_ISSUER,
    });
    let serverUrl = '';
    let openApi: unknown;
    const gateway = createLocalGateway({
      handlers,
      verifyToken: cacheVerifiedTokens(createLocalTokenVerifier(signingKeys, identityDirectory), {
        revocations: identityDirectory,
      }),
      responses: createGatewayResponses(config),
      checkHealth: async () => {
        const table = await (client as unknown as DynamoDBClient).send(
          new DescribeTableCommand({ TableName: LOCAL_TABLES.profiles }),
        );
        return table.Table?.TableStatus === 'ACTIVE';
      },
      openApiDocument: () => (openApi ??= buildOpenApiDocument({ serverUrl })),
      accessLog: options.accessLog ?? defaultAccessLog,
    });
    // A function whose client hung up still runs to its end; the store closes after it.
    server = createServer({ keepAlive: true }, (request, response) => {
      const answered = gateway(request, response);
      underWay.add(answered);
      void answered.finally(() => underWay.delete(answered));
    });
    port = await listenLocally(server, options.port);
    serverUrl = `http://${LOCAL_HOST}:${port}`;
  } catch (error) {
    await closeStore();
    throw error;
  }

  const url = `http://${LOCAL_HOST}:${port}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await closeGracefully(server, underWay, options.shutdownTimeoutMs ?? 10_000);
      await closeStore();
    })());
  return { url, dataDir, inMemory, close };
};
