import { createServer, type Server } from 'node:http';
import * as path from 'node:path';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createServiceTables } from '@userprofile/adapters-aws';
import { USER_PROFILE_REPOSITORY, type UserProfileEvent } from '@userprofile/domain';
import {
  buildOpenApiDocument,
  CURSOR_KEYS,
  DYNAMODB_CLIENT,
  LOGGER,
  oneProcessContainer,
  routeHandlersOf,
  SETTINGS_PROVIDER,
} from '@userprofile/http-lambda';
import {
  embeddedStoreModule,
  localIdentityModule,
  localRuntimeModule,
  STORE_FOLDER,
} from './composition/local-modules';
import { createGatewayResponses } from './gateway-responses';
import { LOCK_FILE, lockDataDir } from './data-dir-lock';
import { EMBEDDED_STORE, StoreStoppedError } from './embedded-store';
import { KEYS_FOLDER, loadOrCreateSigningKeys } from './local-keys';
import { compactStore } from './dynalite-launcher.cjs';
import { createLocalGateway, type AccessLogEntry } from './local-gateway';
import { IDENTITY_DIRECTORY_FILE, LocalIdentityDirectory } from './local-identity-directory';
import { createLocalSignUp, LOCAL_SIGN_UP_PATH } from './local-sign-up';
import { LOCAL_TABLES, LocalSettingsError } from './local-settings';
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

/** All the server keeps in its data folder (store, keys, pid lock, user pool). */
const DATA_DIR_ENTRIES = [STORE_FOLDER, KEYS_FOLDER, LOCK_FILE, IDENTITY_DIRECTORY_FILE] as const;

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
 * AWS, with this server playing API Gateway and its Cognito authorizer. The handlers and their
 * adapters come from one container (the shared modules, every use case, and the local server's
 * modules); this function holds the data folder, starts the store and serves.
 * @throws LocalSettingsError for a bad setting, or a message naming a port already in use.
 */
export const startLocalServer = async (options: LocalServerOptions): Promise<LocalServer> => {
  const inMemory = options.inMemory ?? false;
  const dataDir = path.resolve(options.dataDir);
  const env = options.env ?? process.env;
  const { logLevel, profileEvents } = options;
  const container = oneProcessContainer(
    localRuntimeModule({ env, dataDir, inMemory, logLevel, profileEvents }),
    embeddedStoreModule,
  );
  // Settings first: a bad value stops the server before it touches the data folder.
  const config = container.get(SETTINGS_PROVIDER);
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
  // The local user pool (`pnpm run sign-up` adds to it); in memory with the profiles. Opened once,
  // bound for the handlers, and used by the token verifier and the local sign-up below.
  let identities: LocalIdentityDirectory;
  try {
    [signingKeys] = await asLocalSettingsError(`the keys in ${dataDir}`, () =>
      Promise.all([loadOrCreateSigningKeys(dataDir), container.get(CURSOR_KEYS).get()]),
    );
    identities = await asLocalSettingsError(`the user pool file in ${dataDir}`, () =>
      LocalIdentityDirectory.open(inMemory ? undefined : path.join(dataDir, IDENTITY_DIRECTORY_FILE)),
    );
    container.loadSync(localIdentityModule(identities));
  } catch (error) {
    await lock.release();
    throw error;
  }

  // No listener: the store is reached only through this process's own client (see embedded-store).
  const store = container.get(EMBEDDED_STORE);
  const client = container.get(DYNAMODB_CLIENT);
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
    const handlers = routeHandlersOf(container);
    let serverUrl = '';
    let openApi: unknown;
    const gateway = createLocalGateway({
      handlers,
      verifyToken: cacheVerifiedTokens(createLocalTokenVerifier(signingKeys, identities), {
        revocations: identities,
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
      localActions: new Map([
        [
          LOCAL_SIGN_UP_PATH,
          {
            issuer: LOCAL_ADMIN_TOKEN_ISSUER,
            run: createLocalSignUp({
              identities,
              repository: container.get(USER_PROFILE_REPOSITORY),
              logger: container.get(LOGGER),
              claimLegacyProfiles: env.CLAIM_LEGACY_PROFILES !== 'false',
            }),
          },
        ],
      ]),
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
