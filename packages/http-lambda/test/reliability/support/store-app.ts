import { DynamoDBClient, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  createDynamoDbDocumentClient,
  createServiceTables,
  DynamoDbIdempotencyStore,
  DynamoDbUserProfileRepository,
  serviceTableNames,
  type CursorKeySource,
  type DynamoDbClientOptions,
} from '@userprofile/adapters-aws';
import type { AuditTrail, Clock, PseudonymKeySource } from '@userprofile/domain';
import {
  captureProcessLogs,
  InMemoryAccountDirectory,
  RecordingEventPublisher,
  startDynalite,
  TEST_ISSUERS,
  type RunningDynalite,
} from '@userprofile/testing';

import { createLogger } from '../../../src/logging/logger';
import { StaticSettingsProvider } from '../../../src/settings/runtime-settings';
import { routeSender, type RouteSender } from '../../unit/support/route-sender';

const TABLES = serviceTableNames('reliability');

/**
 * The real handlers (createRouteHandlers) on the real DynamoDbUserProfileRepository against a
 * DynamoDB-API endpoint, with a raw client to read what is stored, byte for byte.
 */
export interface StoreApp {
  readonly send: RouteSender;
  /** The user pool erasure deletes accounts from. */
  readonly accounts: InMemoryAccountDirectory;
  /** The bus erasure announces itself on. */
  readonly bus: RecordingEventPublisher;
  /** The stored item exactly as the store returns it (attribute-value JSON), or undefined. */
  rawItem(userId: string): Promise<string | undefined>;
  /** Writes an item as it is, past the repository: the shapes another writer left. */
  putRawItem(item: Record<string, unknown>): Promise<void>;
  /** How many items the table holds. */
  count(): Promise<number>;
  /**
   * The actions the handlers sent to the profile table since the last call, in order: `dynamodb:GetItem`, ...,
   * and `dynamodb:Query on index` for one on its email index.
   */
  takeSentActions(): string[];
  /** How many writes (PutItem, UpdateItem, DeleteItem) the handlers sent to the profile table so far: executions. */
  profileWrites(): number;
  destroy(): void;
}

const PROFILE_WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);

export interface StoreAppOptions {
  readonly client?: Omit<DynamoDbClientOptions, 'endpoint'>;
  readonly createTable?: boolean;
  /**
   * Holds every GetItem answer back this long before the caller sees it, and every UpdateItem
   * this long before it is sent: widens the gap between what a writer saw and when its write
   * lands, so that a race lands in it every time.
   */
  readonly readDelayMs?: number;
  /** @default the system clock */
  readonly clock?: Clock;
  /** Where page-cursor keys come from. @default one fixed key */
  readonly cursorKeys?: CursorKeySource;
  /** Where audit records go. @default `audit` lines of the logger */
  readonly audit?: AuditTrail;
  /** The key audit targets are pseudonymised with. @default a key of this process */
  readonly pseudonymKeys?: PseudonymKeySource;
}

export async function createStoreApp(endpoint: string, options: StoreAppOptions = {}): Promise<StoreApp> {
  const client = createDynamoDbDocumentClient({ endpoint, ...options.client });
  const readDelayMs = options.readDelayMs;
  if (readDelayMs !== undefined) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'UpdateItemCommand')
          await new Promise((resolve) => setTimeout(resolve, readDelayMs));
        const output = await next(args);
        if (context.commandName === 'GetItemCommand') await new Promise((resolve) => setTimeout(resolve, readDelayMs));
        return output;
      },
      { step: 'initialize', name: 'delayReads' },
    );
  }
  let profileWrites = 0;
  let sentActions: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { TableName?: string; IndexName?: string };
      if (input.TableName === TABLES.profiles) {
        const action = `dynamodb:${String(context.commandName).replace(/Command$/, '')}`;
        sentActions.push(input.IndexName === undefined ? action : `${action} on index`);
        if (PROFILE_WRITES.has(context.commandName ?? '')) profileWrites += 1;
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordProfileTableCalls' },
  );
  const raw = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  if (options.createTable ?? true) {
    await createServiceTables(client, TABLES);
  }
  const repository = options.cursorKeys
    ? new DynamoDbUserProfileRepository({ client, tableName: TABLES.profiles, cursorKeys: options.cursorKeys })
    : new DynamoDbUserProfileRepository({
        client,
        tableName: TABLES.profiles,
        cursorSigningKey: 'reliability-cursor-key',
      });
  const accounts = new InMemoryAccountDirectory();
  const bus = new RecordingEventPublisher();
  const send = routeSender({
    repository,
    config: new StaticSettingsProvider(),
    logger: createLogger('DEBUG'),
    idempotencyStore: new DynamoDbIdempotencyStore({ client, tableName: TABLES.idempotency }),
    accountDirectory: accounts,
    eventPublisher: bus,
    adminIssuer: TEST_ISSUERS.admins,
    ...(options.clock && { clock: options.clock }),
    ...(options.audit && { audit: options.audit }),
    ...(options.pseudonymKeys && { pseudonymKeys: options.pseudonymKeys }),
  });
  return {
    send,
    accounts,
    bus,
    rawItem: async (userId) => {
      const { Item } = await raw.send(
        new GetItemCommand({ TableName: TABLES.profiles, Key: { userId: { S: userId } }, ConsistentRead: true }),
      );
      return Item && JSON.stringify(Item);
    },
    putRawItem: async (item) => {
      await DynamoDBDocumentClient.from(raw).send(new PutCommand({ TableName: TABLES.profiles, Item: item }));
    },
    profileWrites: () => profileWrites,
    count: async () =>
      (await raw.send(new ScanCommand({ TableName: TABLES.profiles, Select: 'COUNT', ConsistentRead: true }))).Count ??
      0,
    takeSentActions: () => {
      const taken = sentActions;
      sentActions = [];
      return taken;
    },
    destroy: () => {
      client.destroy();
      raw.destroy();
    },
  };
}

/** A store app for the enclosing `describe`: read its parts inside tests and hooks only. */
export interface UsedStoreApp {
  /** Forwards to the app once started. */
  readonly app: StoreApp;
  /** The dynalite endpoint, for a second app on the same store. */
  readonly endpoint: string;
  /** The service's output, scanned for canaries (with `captureLogs`). */
  readonly logs: ReturnType<typeof captureProcessLogs>;
}

/**
 * Before the enclosing `describe`'s tests: captures the process's output (with `captureLogs`),
 * starts dynalite and the store app on it; after them, stops all three.
 */
export function useStoreApp(options: StoreAppOptions & { readonly captureLogs?: boolean } = {}): UsedStoreApp {
  const { captureLogs, ...appOptions } = options;
  let logs: ReturnType<typeof captureProcessLogs> | undefined;
  let store: RunningDynalite | undefined;
  let started: StoreApp | undefined;
  beforeAll(async () => {
    if (captureLogs) logs = captureProcessLogs();
    store = await startDynalite();
    started = await createStoreApp(store.endpoint, appOptions);
  });
  afterAll(async () => {
    started?.destroy();
    await store?.stop();
    logs?.stop();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: read it inside a test or hook`);
    return value;
  };
  const current = () => ready(started, 'the store app');
  const app: StoreApp = {
    send: (event) => current().send(event),
    get accounts() {
      return current().accounts;
    },
    get bus() {
      return current().bus;
    },
    rawItem: (userId) => current().rawItem(userId),
    putRawItem: (item) => current().putRawItem(item),
    count: () => current().count(),
    takeSentActions: () => current().takeSentActions(),
    profileWrites: () => current().profileWrites(),
    destroy: () => current().destroy(),
  };
  return {
    app,
    get endpoint() {
      return ready(store, 'dynalite').endpoint;
    },
    get logs() {
      return ready(logs, 'log capture (pass captureLogs)');
    },
  };
}
