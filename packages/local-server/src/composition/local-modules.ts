import * as path from 'node:path';
import {
  createDynamoDbDocumentClient,
  DynamoDbIdempotencyStore,
  DynamoDbUserProfileRepository,
  type CursorKeySource,
} from '@userprofile/adapters-aws';
import {
  ACCOUNT_DIRECTORY,
  AUDIT_TRAIL,
  AUDIT_TRAIL_SEARCH,
  IDEMPOTENCY_STORE,
  PSEUDONYM_KEYS,
  USER_PROFILE_EVENT_PUBLISHER,
  USER_PROFILE_REPOSITORY,
  type PseudonymKeySource,
  type UserProfileEvent,
  type UserProfileRepository,
} from '@userprofile/domain';
import {
  createLogger,
  pseudonymisedTrail,
  CURSOR_KEYS,
  DYNAMODB_CLIENT,
  IDENTITY_SETTINGS,
  LOGGER,
  SETTINGS_PROVIDER,
} from '@userprofile/http-lambda';
import { LAMBDA_ENV } from '@userprofile/http-lambda/contract';
import { ContainerModule, type ServiceIdentifier } from 'inversify';

import { embeddedStore, EMBEDDED_STORE, type EmbeddedStore } from '../embedded-store';
import { FileAuditTrail } from '../file-audit-trail';
import { localCursorKeys, localPseudonymKeys } from '../local-keys';
import type { LocalIdentityDirectory } from '../local-identity-directory';
import { eventEchoingRepository, eventLine, localEventPublisher } from '../local-profile-events';
import { EnvironmentConfigProvider, LOCAL_TABLES } from '../local-settings';
import { LOCAL_ADMIN_TOKEN_ISSUER } from '../local-tokens';

type DynamoDbClient = ReturnType<typeof createDynamoDbDocumentClient>;

/** What the local server is started with: all its adapters are built from this. */
export interface LocalRuntime {
  /** Where the runtime settings are read (`CORS_ALLOWED_ORIGINS`, ...), `LOG_LEVEL` and `LOCAL_EVENTS`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Holds the store, the keys and the audit file. */
  readonly dataDir: string;
  /** Whether profiles are kept in memory only. */
  readonly inMemory: boolean;
  /** @default env `LOG_LEVEL`, else WARN */
  readonly logLevel?: string;
  /** @default with env `LOCAL_EVENTS=stdout`, a JSON line on stdout per event; else none */
  readonly profileEvents?: (event: UserProfileEvent) => void;
}

export const LOCAL_RUNTIME: ServiceIdentifier<LocalRuntime> = Symbol.for('userprofile.local.Runtime');

/** The store's folder in the data folder. */
export const STORE_FOLDER = 'dynamodb';

/** What the SDK is told the store's address is; the in-process handler never resolves it. */
const EMBEDDED_STORE_ENDPOINT = 'http://embedded-store.invalid';

/**
 * What the server is started with, and what follows from it alone: the runtime settings (read
 * when first resolved: a bad value throws `LocalSettingsError`), the logger, the administrators'
 * pool (the local token issuer's, as `ADMIN_ISSUER` names the admin pool in AWS).
 */
export const localRuntimeModule = (runtime: LocalRuntime): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(LOCAL_RUNTIME).toConstantValue(runtime);
    bind(SETTINGS_PROVIDER).toResolvedValue(
      ({ env }: LocalRuntime) => new EnvironmentConfigProvider(env),
      [LOCAL_RUNTIME],
    );
    bind(LOGGER).toResolvedValue(
      ({ env, logLevel }: LocalRuntime) => createLogger(logLevel ?? env[LAMBDA_ENV.logLevel] ?? 'WARN'),
      [LOCAL_RUNTIME],
    );
    bind(IDENTITY_SETTINGS).toConstantValue({ adminIssuer: LOCAL_ADMIN_TOKEN_ISSUER });
  });

/**
 * The adapters of the deployed service on the embedded store: the profile table (its writes
 * echoed as the profile events the table's stream would carry), the idempotency records, the
 * cursor key from the data folder, and the audit records as JSON lines in `audit.log` (0600),
 * as the deployed service writes them to its audit log group. The store starts when first
 * resolved, so the server resolves it only once it holds the data folder.
 */
export const embeddedStoreModule = /* @__PURE__ */ new ContainerModule(({ bind }) => {
  bind(EMBEDDED_STORE).toResolvedValue(
    ({ dataDir, inMemory }: LocalRuntime) => embeddedStore(inMemory ? {} : { path: path.join(dataDir, STORE_FOLDER) }),
    [LOCAL_RUNTIME],
  );
  bind(DYNAMODB_CLIENT).toResolvedValue(
    (store: EmbeddedStore) =>
      createDynamoDbDocumentClient({ endpoint: EMBEDDED_STORE_ENDPOINT, inProcessEngine: store.requestHandler }),
    [EMBEDDED_STORE],
  );
  bind(CURSOR_KEYS).toResolvedValue(({ dataDir }: LocalRuntime) => localCursorKeys(dataDir), [LOCAL_RUNTIME]);
  bind<UserProfileRepository>(USER_PROFILE_REPOSITORY)
    .toResolvedValue(
      (client: DynamoDbClient, cursorKeys: CursorKeySource) =>
        new DynamoDbUserProfileRepository({ client, tableName: LOCAL_TABLES.profiles, cursorKeys }),
      [DYNAMODB_CLIENT, CURSOR_KEYS],
    )
    // The embedded store has no stream: the repository tells the events itself.
    .onActivation((context, repository) => {
      const emit = eventSinkOf(context.get<LocalRuntime>(LOCAL_RUNTIME));
      return emit ? eventEchoingRepository(repository, emit) : repository;
    });
  // What a use case publishes itself (an erasure's `UserAccountErased`) goes to the same sink.
  bind(USER_PROFILE_EVENT_PUBLISHER).toResolvedValue(
    (runtime: LocalRuntime) => localEventPublisher(eventSinkOf(runtime)),
    [LOCAL_RUNTIME],
  );
  bind(IDEMPOTENCY_STORE).toResolvedValue(
    (client: DynamoDbClient) => new DynamoDbIdempotencyStore({ client, tableName: LOCAL_TABLES.idempotency }),
    [DYNAMODB_CLIENT],
  );
  // The pseudonym secret's part: the audit file's targets are keyed pseudonyms, as in AWS.
  bind(PSEUDONYM_KEYS).toResolvedValue(({ dataDir }: LocalRuntime) => localPseudonymKeys(dataDir), [LOCAL_RUNTIME]);
  bind(AUDIT_TRAIL).toResolvedValue(
    ({ dataDir }: LocalRuntime, keys: PseudonymKeySource) =>
      pseudonymisedTrail(new FileAuditTrail(auditFileOf(dataDir)), keys),
    [LOCAL_RUNTIME, PSEUDONYM_KEYS],
  );
  // An export searches the same file, as it searches the audit log group in AWS.
  bind(AUDIT_TRAIL_SEARCH).toResolvedValue(
    ({ dataDir }: LocalRuntime) => new FileAuditTrail(auditFileOf(dataDir)),
    [LOCAL_RUNTIME],
  );
});

/** `DATA_DIR/audit.log`: the audit records the deployed service writes to its audit log group. */
const auditFileOf = (dataDir: string): string => path.join(dataDir, 'audit.log');

export const LOCAL_IDENTITY_DIRECTORY: ServiceIdentifier<LocalIdentityDirectory> = Symbol.for(
  'userprofile.local.IdentityDirectory',
);

/** The local user pool, once the server has opened it in the data folder: the accounts of sign-up and erasure. */
export const localIdentityModule = (identities: LocalIdentityDirectory): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(LOCAL_IDENTITY_DIRECTORY).toConstantValue(identities);
    bind(ACCOUNT_DIRECTORY).toConstantValue(identities);
  });

const printEventLine = (event: UserProfileEvent): void => console.log(eventLine(event));

/** Where the events a local write means go: the runtime's sink, else stdout with `LOCAL_EVENTS=stdout`, else nowhere. */
const eventSinkOf = ({ env, profileEvents }: LocalRuntime): ((event: UserProfileEvent) => void) | undefined =>
  profileEvents ?? (env.LOCAL_EVENTS === 'stdout' ? printEventLine : undefined);
