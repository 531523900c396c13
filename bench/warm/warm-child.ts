/**
 * Bench 2, the measuring process: our handlers (createRouteHandlers with the real
 * DynamoDbUserProfileRepository) against the raw DocumentClient calls they make, alternating
 * request by request, on one dynalite. Runs in its own process so the handlers' per-request
 * log line goes where Lambda's would (stdout, here discarded) without flooding the bench's
 * output; results go back to the harness over IPC. warm.ts bundles this file as the functions
 * are bundled before running it, so the handlers run in their shipped shape.
 */
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  createDynamoDbDocumentClient,
  createIdempotencyTable,
  DynamoDbIdempotencyStore,
  DynamoDbUserProfileRepository,
  IDEMPOTENCY_TABLE,
  USER_PROFILE_TABLE,
} from '@userprofile/adapters-aws';
import type { UserProfileRepository } from '@userprofile/domain';
import { createRouteHandlers } from '../../packages/http-lambda/src/composition/route-handlers';
import { StaticSettingsProvider } from '../../packages/http-lambda/src/settings/runtime-settings';
import {
  apiGatewayEvent,
  BENCH_ADMIN_ISSUER,
  lambdaContext,
  ownProfileEvent,
  profileBody,
  type EventInput,
} from '../lib/events';
import { rawFirstNameUpdate } from '../lib/raw-calls';
import { profileItem } from '../lib/seed';

export interface WarmChildInput {
  readonly endpoint: string;
  readonly tableName: string;
  readonly iterations: number;
  readonly warmup: number;
}

export interface WarmScenarioResult {
  /** Time to the response: what a client waits for. */
  readonly handlerMs: number[];
  /** The invocation's full duration (billed): all its work is done before its response. */
  readonly invocationMs: number[];
  readonly rawMs: number[];
  /** DynamoDB commands the handler sent, by name, over the measured iterations. */
  readonly handlerCommands: Record<string, number>;
  /** Repository calls the handler made, over the measured iterations. */
  readonly repositoryCalls: number;
  /** Capacity units DynamoDB reported as consumed by the handler's commands (`ReturnConsumedCapacity: TOTAL`), over the measured iterations. */
  readonly consumed: { readonly read: number; readonly write: number };
  readonly status: number;
}

export type WarmScenario =
  | 'get'
  | 'create'
  | 'update'
  | 'delete'
  | 'list'
  | 'lookup'
  | 'rejected'
  | 'createKeyed'
  | 'updateKeyed'
  | 'deleteKeyed';
export type WarmChildOutput = Record<WarmScenario, WarmScenarioResult>;

const READ_COMMANDS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand']);

/** What one client sent: commands by name, and the capacity DynamoDB reported for them. */
interface StoreTally {
  readonly commands: Record<string, number>;
  readonly consumed: { read: number; write: number };
}

/**
 * Counts the commands a client sends, by name, and adds up the capacity DynamoDB reports for
 * each (`ReturnConsumedCapacity: TOTAL`), read or write by the command's kind (a conditional
 * write's condition costs no read units). dynalite computes it from item sizes as DynamoDB
 * does: 4 KB per read unit (half for an eventually consistent read), 1 KB per write unit. The
 * handler's client and the baseline's both get this one middleware, so both send, receive
 * and count the same; only the handler's tally is reported.
 */
const tallyStoreCalls = (client: DynamoDBDocumentClient): StoreTally => {
  const tally: StoreTally = { commands: {}, consumed: { read: 0, write: 0 } };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? 'unknown');
      tally.commands[name] = (tally.commands[name] ?? 0) + 1;
      const result = await next({ ...args, input: { ...(args.input as object), ReturnConsumedCapacity: 'TOTAL' } });
      const units = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity
        ?.CapacityUnits;
      if (READ_COMMANDS.has(name)) tally.consumed.read += units ?? 0;
      else tally.consumed.write += units ?? 0;
      return result;
    },
    { step: 'initialize', name: 'benchStoreTally' },
  );
  return tally;
};

/** The repository, with every call counted (a rejected request must make none). */
const countingRepository = (
  inner: UserProfileRepository,
): { repository: UserProfileRepository; calls: () => number } => {
  let calls = 0;
  const repository = new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { repository, calls: () => calls };
};

/** A request ready to send: what it needs is built before the clock starts, what it does after. */
type Call = () => Promise<unknown>;

const elapsedMs = async (call: Call): Promise<number> => {
  const started = process.hrtime.bigint();
  await call();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

/** One invocation, whose work all happens before its response: the response is the invocation's end. */
const invocation = async (call: () => Promise<unknown>): Promise<{ responseMs: number; invocationMs: number }> => {
  const ms = await elapsedMs(call);
  return { responseMs: ms, invocationMs: ms };
};

const main = async (input: WarmChildInput): Promise<WarmChildOutput> => {
  const { endpoint, tableName: TableName, iterations, warmup } = input;
  const ourClient = createDynamoDbDocumentClient({ endpoint });
  const { commands, consumed: capacity } = tallyStoreCalls(ourClient);
  const counted = countingRepository(
    new DynamoDbUserProfileRepository({ client: ourClient, tableName: TableName, cursorSigningKey: 'bench-warm' }),
  );
  const idempotencyTableName = `${TableName}-idempotency`;
  await createIdempotencyTable(ourClient, idempotencyTableName);
  const handlers = createRouteHandlers({
    repository: counted.repository,
    config: new StaticSettingsProvider(),
    adminIssuer: BENCH_ADMIN_ISSUER,
    idempotencyStore: new DynamoDbIdempotencyStore({ client: ourClient, tableName: idempotencyTableName }),
  });
  // The baseline: a document client made the same way, sending exactly the calls the handler makes.
  const raw = createDynamoDbDocumentClient({ endpoint });
  tallyStoreCalls(raw);
  // The keyed writes' baseline: the same handlers, the same request without Idempotency-Key, on
  // a client of their own (so the counted commands are the keyed request's alone), tallied as the
  // keyed one is (its tally unread), so that the two differ by the key alone. Its idempotency
  // store is the same table's: a delete forgets the stored responses about the user with or
  // without a key (a Query of the subject index), so the two must both make that call.
  const plainClient = createDynamoDbDocumentClient({ endpoint });
  tallyStoreCalls(plainClient);
  const plainHandlers = createRouteHandlers({
    repository: new DynamoDbUserProfileRepository({
      client: plainClient,
      tableName: TableName,
      cursorSigningKey: 'bench-warm',
    }),
    config: new StaticSettingsProvider(),
    adminIssuer: BENCH_ADMIN_ISSUER,
    idempotencyStore: new DynamoDbIdempotencyStore({ client: plainClient, tableName: idempotencyTableName }),
  });
  const context = lambdaContext('bench-warm');

  // The event is built before the clock starts: Lambda hands the handler a parsed one.
  const invokerOf =
    (routeHandlers: typeof handlers, which: string) =>
    (functionName: string, event: EventInput, expected: number): Call => {
      const handler = routeHandlers.get(functionName)!;
      const delivered = apiGatewayEvent(event);
      return async () => {
        const response = await handler(delivered, context);
        if (response.statusCode !== expected) {
          throw new Error(
            `${functionName}${which}: expected HTTP ${expected}, got ${response.statusCode}: ${response.body}`,
          );
        }
      };
    };
  const invoke = invokerOf(handlers, '');
  const invokePlain = invokerOf(plainHandlers, ' (no key)');

  await raw.send(new PutCommand({ TableName, Item: profileItem('warm-reader') }));
  await raw.send(new PutCommand({ TableName, Item: profileItem('warm-writer') }));
  await raw.send(new PutCommand({ TableName, Item: profileItem('raw-writer') }));
  const run = process.pid;
  // Profiles to delete, one per request of the delete scenario, for the handler and the baseline.
  const deletable = (who: string, i: number) => `${who}-delete-${run}-${i}`;
  const toDelete = Array.from({ length: warmup + iterations }, (_, i) => i - warmup).flatMap((i) =>
    ['warm', 'raw', 'keyed', 'plain'].map((who) => profileItem(deletable(who, i), i)),
  );
  for (let i = 0; i < toDelete.length; i += 25) {
    const batch = toDelete.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    await raw.send(new BatchWriteCommand({ RequestItems: { [TableName]: batch } }));
  }

  const measure = async (
    handlerCall: (i: number) => Call,
    rawCall: (i: number) => Call,
  ): Promise<Omit<WarmScenarioResult, 'status'>> => {
    const handlerMs: number[] = [];
    const invocationMs: number[] = [];
    const rawMs: number[] = [];
    let commandsBefore: Record<string, number> = {};
    let callsBefore = 0;
    let capacityBefore = { ...capacity };
    for (let i = -warmup; i < iterations; i += 1) {
      if (i === 0) {
        commandsBefore = { ...commands };
        callsBefore = counted.calls();
        capacityBefore = { ...capacity };
      }
      // Alternate which goes first, so neither always runs on a connection the other just warmed.
      const first = i % 2 === 0;
      const handlerRequest = handlerCall(i);
      const rawRequest = rawCall(i);
      const a = first ? await invocation(handlerRequest) : undefined;
      const r = await elapsedMs(rawRequest);
      const b = first ? a! : await invocation(handlerRequest);
      if (i >= 0) {
        handlerMs.push(b.responseMs);
        invocationMs.push(b.invocationMs);
        rawMs.push(r);
      }
    }
    const handlerCommands = Object.fromEntries(
      Object.entries(commands)
        .map(([name, count]) => [name, count - (commandsBefore[name] ?? 0)] as const)
        .filter(([, count]) => count > 0),
    );
    return {
      handlerMs,
      invocationMs,
      rawMs,
      handlerCommands,
      repositoryCalls: counted.calls() - callsBefore,
      consumed: { read: capacity.read - capacityBefore.read, write: capacity.write - capacityBefore.write },
    };
  };

  const rawGet = (userId: string) => raw.send(new GetCommand({ TableName, Key: { userId }, ConsistentRead: true }));

  const get = await measure(
    () => invoke('GetUserProfile', ownProfileEvent('GET', 'warm-reader'), 200),
    () => () => rawGet('warm-reader'),
  );

  const create = await measure(
    (i) =>
      invoke(
        'CreateUserProfile',
        { method: 'POST', resource: '/users', sub: `warm-create-${run}-${i}`, body: profileBody(`c${i}`) },
        201,
      ),
    (i) => () =>
      raw.send(
        new PutCommand({
          TableName,
          Item: { ...profileItem(`raw-create-${run}-${i}`), ...profileBody(`r${i}`) },
          ConditionExpression: 'attribute_not_exists(#key)',
          ExpressionAttributeNames: { '#key': 'userId' },
        }),
      ),
  );

  // The handler sends one conditional UpdateItem that returns the new item: the baseline is
  // that one call, with the condition the repository uses for a profile in the current shape.
  const update = await measure(
    (i) => invoke('UpdateUserProfile', ownProfileEvent('PATCH', 'warm-writer', { firstName: `Grace${i % 10}` }), 200),
    (i) => () => raw.send(rawFirstNameUpdate(TableName, 'raw-writer', `Grace${i % 10}`)),
  );

  // A delete removes the profile, then forgets the stored responses about the user: one Query of
  // the idempotency table's subject index (none are there, so no BatchWriteItem follows).
  const { subjectIndex } = IDEMPOTENCY_TABLE;
  const remove = await measure(
    (i) => invoke('DeleteUserProfile', ownProfileEvent('DELETE', deletable('warm', i)), 204),
    (i) => async () => {
      const userId = deletable('raw', i);
      await raw.send(
        new DeleteCommand({
          TableName,
          Key: { userId },
          ConditionExpression: 'attribute_exists(#key)',
          ExpressionAttributeNames: { '#key': 'userId' },
        }),
      );
      await raw.send(
        new QueryCommand({
          TableName: idempotencyTableName,
          IndexName: subjectIndex.name,
          KeyConditionExpression: '#subject = :subject',
          ExpressionAttributeNames: { '#subject': subjectIndex.partitionKey.name },
          ExpressionAttributeValues: { ':subject': userId },
        }),
      );
    },
  );

  const PAGE = 10;
  const list = await measure(
    () =>
      invoke(
        'ListUserProfiles',
        { method: 'GET', resource: '/users', sub: 'warm-admin', admin: true, query: { limit: String(PAGE) } },
        200,
      ),
    () => () => raw.send(new ScanCommand({ TableName, Limit: PAGE, ConsistentRead: true })),
  );

  const lookup = await measure(
    () =>
      invoke(
        'SearchUserProfiles',
        {
          method: 'POST',
          resource: '/users/search',
          sub: 'warm-admin',
          admin: true,
          body: { email: 'warm-reader@example.com' },
        },
        200,
      ),
    () => () =>
      raw.send(
        new QueryCommand({
          TableName,
          IndexName: USER_PROFILE_TABLE.emailIndex.indexName,
          KeyConditionExpression: '#email = :email',
          ExpressionAttributeNames: { '#email': 'email' },
          ExpressionAttributeValues: { ':email': 'warm-reader@example.com' },
        }),
      ),
  );

  // Rejected by validation (the email is not an address): must answer 400 without the store.
  const rejected = await measure(
    (i) =>
      invoke(
        'CreateUserProfile',
        {
          method: 'POST',
          resource: '/users',
          sub: `warm-bad-${i}`,
          body: { ...profileBody(i), email: 'not-an-address' },
        },
        400,
      ),
    () => () => rawGet('warm-reader'),
  );

  // Writes with an Idempotency-Key (a fresh one each: the cost of a first request: the claim
  // before it, the completion after its response) against the same write without one.
  const createKeyed = await measure(
    (i) =>
      invoke(
        'CreateUserProfile',
        {
          method: 'POST',
          resource: '/users',
          sub: `warm-keyed-${run}-${i}`,
          body: profileBody(`k${i}`),
          headers: { 'Idempotency-Key': `create-${run}-${i}` },
        },
        201,
      ),
    (i) =>
      invokePlain(
        'CreateUserProfile',
        { method: 'POST', resource: '/users', sub: `warm-plain-${run}-${i}`, body: profileBody(`p${i}`) },
        201,
      ),
  );
  await raw.send(new PutCommand({ TableName, Item: profileItem('plain-writer') }));
  const updateKeyed = await measure(
    (i) =>
      invoke(
        'UpdateUserProfile',
        {
          method: 'PATCH',
          resource: '/users/{userId}',
          sub: 'warm-writer',
          userId: 'me',
          body: { firstName: `Keyed${i % 10}` },
          headers: { 'Idempotency-Key': `update-${run}-${i}` },
        },
        200,
      ),
    (i) =>
      invokePlain(
        'UpdateUserProfile',
        {
          method: 'PATCH',
          resource: '/users/{userId}',
          sub: 'plain-writer',
          userId: 'me',
          body: { firstName: `Plain${i % 10}` },
        },
        200,
      ),
  );

  const deleteKeyed = await measure(
    (i) =>
      invoke(
        'DeleteUserProfile',
        {
          method: 'DELETE',
          resource: '/users/{userId}',
          sub: deletable('keyed', i),
          userId: 'me',
          headers: { 'Idempotency-Key': `delete-${run}-${i}` },
        },
        204,
      ),
    (i) =>
      invokePlain(
        'DeleteUserProfile',
        { method: 'DELETE', resource: '/users/{userId}', sub: deletable('plain', i), userId: 'me' },
        204,
      ),
  );

  ourClient.destroy();
  plainClient.destroy();
  raw.destroy();
  return {
    deleteKeyed: { ...deleteKeyed, status: 204 },
    createKeyed: { ...createKeyed, status: 201 },
    updateKeyed: { ...updateKeyed, status: 200 },
    get: { ...get, status: 200 },
    create: { ...create, status: 201 },
    update: { ...update, status: 200 },
    delete: { ...remove, status: 204 },
    list: { ...list, status: 200 },
    lookup: { ...lookup, status: 200 },
    rejected: { ...rejected, status: 400 },
  };
};

process.once('message', (input: WarmChildInput) => {
  main(input)
    .then((output) => process.send!(output, () => process.exit(0)))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
});
