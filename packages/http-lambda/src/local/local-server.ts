import { once } from 'node:events';
import { promises as fs } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDynamoDbDocumentClient,
  createUserProfileTable,
  DynamoDbUserProfileRepository,
} from '@userprofile/adapters-aws';
import dynalite from 'dynalite';
import { createRouteHandlers } from '../composition/route-handlers';
import { createLogger } from '../logging/logger';
import { buildOpenApiDocument } from '../openapi/openapi-document';
import { createGatewayResponses } from './gateway-responses';
import { lockDataDir } from './data-dir-lock';
import { FileAuditTrail } from '../audit/file-audit-trail';
import { loadOrCreateCursorSigningKey, loadOrCreateSigningKeys } from './local-keys';
import { createLocalGateway, type AccessLogEntry } from './local-gateway';
import { EnvironmentConfigProvider, LOCAL_TABLE_NAME, LocalSettingsError } from './local-settings';
import { createLocalTokenVerifier } from './local-tokens';

/** Where only 127.0.0.1 can reach: the local server is a developer tool, never exposed. */
export const LOCAL_HOST = '127.0.0.1';

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
  /** The handlers' log level (Powertools: DEBUG, INFO, WARN, ERROR, SILENT). @default env LOG_LEVEL, else INFO */
  readonly logLevel?: string;
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

const listen = async (server: Server, port: number): Promise<number> => {
  server.listen(port, LOCAL_HOST);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => {
      throw error;
    }),
  ]);
  return (server.address() as AddressInfo).port;
};

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
  });

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
  await fs.mkdir(dataDir, { recursive: true });
  // In memory, nothing on disk is shared but the keys, which are safe to share.
  const lock = inMemory ? { ok: true as const, release: async () => undefined } : await lockDataDir(dataDir);
  if (!lock.ok) {
    throw new LocalSettingsError(
      `another local server (pid ${lock.heldBy}) is using the data folder ${dataDir}; stop it, or set DATA_DIR to another folder`,
    );
  }
  let signingKeys: Awaited<ReturnType<typeof loadOrCreateSigningKeys>>;
  let cursorSigningKey: string;
  try {
    [signingKeys, cursorSigningKey] = await Promise.all([
      loadOrCreateSigningKeys(dataDir),
      loadOrCreateCursorSigningKey(dataDir),
    ]);
  } catch (error) {
    await lock.release();
    throw error;
  }

  const store = dynalite({
    ...(inMemory ? {} : { path: path.join(dataDir, 'dynamodb') }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const storePort = await listen(store, 0);
  const client = createDynamoDbDocumentClient({ endpoint: `http://${LOCAL_HOST}:${storePort}` });
  const closeStore = async (): Promise<void> => {
    client.destroy();
    await closeServer(store);
    await lock.release();
  };

  let server: Server;
  let port: number;
  try {
    try {
      await createUserProfileTable(client, LOCAL_TABLE_NAME);
    } catch (error) {
      throw new LocalSettingsError(
        `the store in ${inMemory ? 'memory' : path.join(dataDir, 'dynamodb')} could not be opened: ${(error as Error).name}`,
      );
    }
    const repository = new DynamoDbUserProfileRepository({ client, tableName: LOCAL_TABLE_NAME, cursorSigningKey });
    const logger = createLogger(options.logLevel ?? env.LOG_LEVEL);
    // The audit records the deployed service writes to its audit log group, as JSON lines (0600).
    const audit = new FileAuditTrail(path.join(dataDir, 'audit.log'));
    const handlers = createRouteHandlers({ repository, config, logger, audit });
    let serverUrl = '';
    let openApi: unknown;
    const gateway = createLocalGateway({
      handlers,
      verifyToken: createLocalTokenVerifier(signingKeys),
      responses: createGatewayResponses(config),
      checkHealth: async () => {
        const table = await (client as unknown as DynamoDBClient).send(
          new DescribeTableCommand({ TableName: LOCAL_TABLE_NAME }),
        );
        return table.Table?.TableStatus === 'ACTIVE';
      },
      openApiDocument: () => (openApi ??= buildOpenApiDocument({ serverUrl })),
      accessLog: options.accessLog ?? defaultAccessLog,
    });
    server = createServer({ keepAlive: true }, gateway);
    try {
      port = await listen(server, options.port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new LocalSettingsError(
          `port ${options.port} on ${LOCAL_HOST} is already in use; set PORT to another one`,
        );
      }
      throw error;
    }
    serverUrl = `http://${LOCAL_HOST}:${port}`;
  } catch (error) {
    await closeStore();
    throw error;
  }

  const url = `http://${LOCAL_HOST}:${port}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      // close() stops accepting, closes idle keep-alive connections, and resolves once the
      // in-flight requests are answered; past the deadline the stragglers are cut.
      const drained = closeServer(server);
      const deadline = setTimeout(() => server.closeAllConnections(), options.shutdownTimeoutMs ?? 10_000);
      const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
      try {
        await drained;
      } finally {
        clearTimeout(deadline);
        clearInterval(idleSweep);
      }
      await closeStore();
    })());
  return { url, dataDir, inMemory, close };
};
