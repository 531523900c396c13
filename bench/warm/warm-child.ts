/**
 * Bench 2, the measuring process: our handlers (createRouteHandlers with the real
 * DynamoDbUserProfileRepository) against the raw DocumentClient calls they make, alternating
 * request by request, on one dynalite. Runs in its own process so the handlers' per-request
 * log line goes where Lambda's would (stdout, here discarded) without flooding the bench's
 * output; results go back to the harness over IPC.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient, DynamoDbUserProfileRepository } from '@userprofile/adapters-aws';
import type { UserProfileRepository } from '@userprofile/domain';
import { StaticConfigProvider } from '@userprofile/domain/testing';
import { createRouteHandlers } from '../../packages/http-lambda/src/composition/route-handlers';
import { apiGatewayEvent, lambdaContext, profileBody, type EventInput } from '../lib/events';
import { profileItem } from '../lib/seed';

export interface WarmChildInput {
  readonly endpoint: string;
  readonly tableName: string;
  readonly iterations: number;
  readonly warmup: number;
}

export interface WarmScenarioResult {
  readonly handlerMs: number[];
  readonly rawMs: number[];
  /** DynamoDB commands the handler sent, by name, over the measured iterations. */
  readonly handlerCommands: Record<string, number>;
  /** Repository calls the handler made, over the measured iterations. */
  readonly repositoryCalls: number;
  readonly status: number;
}

export type WarmChildOutput = Record<'get' | 'create' | 'update' | 'rejected', WarmScenarioResult>;

/** Counts the commands a client sends, by command name, through a middleware. */
const countCommands = (client: DynamoDBDocumentClient): Record<string, number> => {
  const counts: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? 'unknown');
      counts[name] = (counts[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'benchCommandCounter' },
  );
  return counts;
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

const elapsedMs = async (call: () => Promise<unknown>): Promise<number> => {
  const started = process.hrtime.bigint();
  await call();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

const main = async (input: WarmChildInput): Promise<WarmChildOutput> => {
  const { endpoint, tableName: TableName, iterations, warmup } = input;
  const ourClient = createDynamoDbDocumentClient({ endpoint });
  const commands = countCommands(ourClient);
  const counted = countingRepository(
    new DynamoDbUserProfileRepository({ client: ourClient, tableName: TableName, cursorSigningKey: 'bench-warm' }),
  );
  const handlers = createRouteHandlers({
    repository: counted.repository,
    config: new StaticConfigProvider({ tableName: TableName }),
  });
  // The baseline: a document client made the same way, sending exactly the calls the handler makes.
  const raw = createDynamoDbDocumentClient({ endpoint });
  const context = lambdaContext('bench-warm');

  const invoke = async (functionName: string, event: EventInput, expected: number): Promise<number> => {
    const response = await handlers.get(functionName)!(apiGatewayEvent(event), context);
    if (response.statusCode !== expected) {
      throw new Error(`${functionName}: expected HTTP ${expected}, got ${response.statusCode}: ${response.body}`);
    }
    return response.statusCode;
  };

  await raw.send(new PutCommand({ TableName, Item: profileItem('warm-reader') }));
  await raw.send(new PutCommand({ TableName, Item: profileItem('warm-writer') }));
  await raw.send(new PutCommand({ TableName, Item: profileItem('raw-writer') }));

  const measure = async (
    handlerCall: (i: number) => Promise<unknown>,
    rawCall: (i: number) => Promise<unknown>,
  ): Promise<Omit<WarmScenarioResult, 'status'>> => {
    const handlerMs: number[] = [];
    const rawMs: number[] = [];
    let commandsBefore: Record<string, number> = {};
    let callsBefore = 0;
    for (let i = -warmup; i < iterations; i += 1) {
      if (i === 0) {
        commandsBefore = { ...commands };
        callsBefore = counted.calls();
      }
      // Alternate which goes first, so neither always runs on a connection the other just warmed.
      const first = i % 2 === 0;
      const a = first ? await elapsedMs(() => handlerCall(i)) : undefined;
      const r = await elapsedMs(() => rawCall(i));
      const b = first ? a! : await elapsedMs(() => handlerCall(i));
      if (i >= 0) {
        handlerMs.push(b);
        rawMs.push(r);
      }
    }
    const handlerCommands = Object.fromEntries(
      Object.entries(commands)
        .map(([name, count]) => [name, count - (commandsBefore[name] ?? 0)] as const)
        .filter(([, count]) => count > 0),
    );
    return { handlerMs, rawMs, handlerCommands, repositoryCalls: counted.calls() - callsBefore };
  };

  const rawGet = (userId: string) => raw.send(new GetCommand({ TableName, Key: { userId }, ConsistentRead: true }));

  const get = await measure(
    () =>
      invoke('GetUserProfile', { method: 'GET', resource: '/users/{userId}', sub: 'warm-reader', userId: 'me' }, 200),
    () => rawGet('warm-reader'),
  );

  const run = process.pid;
  const create = await measure(
    (i) =>
      invoke(
        'CreateUserProfile',
        { method: 'POST', resource: '/users', sub: `warm-create-${run}-${i}`, body: profileBody(`c${i}`) },
        201,
      ),
    (i) =>
      raw.send(
        new PutCommand({
          TableName,
          Item: { ...profileItem(`raw-create-${run}-${i}`), ...profileBody(`r${i}`) },
          ConditionExpression: 'attribute_not_exists(#key)',
          ExpressionAttributeNames: { '#key': 'userId' },
        }),
      ),
  );

  // The handler reads the profile, then writes it conditionally on the version it read: the
  // raw baseline makes the same two calls.
  let rawVersion = 1;
  const update = await measure(
    (i) =>
      invoke(
        'UpdateUserProfile',
        {
          method: 'PATCH',
          resource: '/users/{userId}',
          sub: 'warm-writer',
          userId: 'me',
          body: { firstName: `Grace${i % 10}` },
        },
        200,
      ),
    async (i) => {
      const { Item } = await rawGet('raw-writer');
      await raw.send(
        new PutCommand({
          TableName,
          Item: { ...Item, firstName: `Grace${i % 10}`, updatedAt: new Date().toISOString(), version: rawVersion + 1 },
          ConditionExpression: 'attribute_exists(#key) AND #version = :expected',
          ExpressionAttributeNames: { '#key': 'userId', '#version': 'version' },
          ExpressionAttributeValues: { ':expected': Item!.version as number },
        }),
      );
      rawVersion += 1;
    },
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
    () => rawGet('warm-reader'),
  );

  ourClient.destroy();
  raw.destroy();
  return {
    get: { ...get, status: 200 },
    create: { ...create, status: 201 },
    update: { ...update, status: 200 },
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
