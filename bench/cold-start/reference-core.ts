/**
 * The reference the shipped functions are measured against: an API Gateway handler that makes
 * the same DynamoDB calls as the function serving the route, with nothing but
 * `@aws-sdk/lib-dynamodb` (no DI, no validation library, no logger, no config port).
 * One module serves every route so that every comparison uses the same reference bundle;
 * it finds the event's row in the route table (by API Gateway's resource and method) and makes
 * that function's calls. The same-work entries also pass it the remote work beyond DynamoDB
 * (`RemoteWork`: the audit record, the trail's search, the user pool, the bus), which the bare
 * reference does not do.
 * Bundled through the entries reference-handler.ts and reference-handler-same-work*.ts.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '@userprofile/domain';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

import { LAMBDA_ENV } from '../../packages/http-lambda/src/contract/environment';
import {
  routeOf,
  type FunctionName,
  type RouteDefinition,
  type TableAction,
} from '../../packages/http-lambda/src/routes';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * An audit record as the shipped pipeline writes it before an action (its target pseudonymised
 * by the writer): the domain's record without a refusal's fields. A type only, so the
 * reference's bundle holds none of the service's code.
 */
export type ReferenceAuditRecord = Omit<AuditRecord, 'outcome' | 'reason'>;

/** The remote work beyond DynamoDB of the same-work references (reference-remote-work.ts). */
export interface RemoteWork {
  /** The audit record written before the action (PutLogEvents). */
  audit(record: ReferenceAuditRecord): Promise<void>;
  /** An export's search of the trail for the records naming `userId` (FilterLogEvents). */
  searchAudit(userId: string): Promise<unknown[]>;
  /** An erasure's deletion of the sign-in account (AdminDeleteUser). */
  deleteAccount?(userId: string): Promise<void>;
  /** An erasure's event on the bus (PutEvents). */
  announceErasure?(userId: string): Promise<void>;
}

/**
 * A handler that finds its table through `tableName` (the environment, or settings read at run
 * time) and does `remote` work where the shipped function does it (none: the bare reference).
 */
export const referenceHandler =
  (tableName: () => string | Promise<string>, remote: Partial<RemoteWork> = {}) =>
  async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> =>
    route(await tableName(), event, remote);

/** What one call of the reference knows: its tables, the caller's target id, the event, the time. */
interface ReferenceCall {
  readonly TableName: string;
  readonly userId: string;
  readonly event: APIGatewayProxyEvent;
  readonly now: string;
}

/** The idempotency table, where the function is given one (a delete's, an erasure's, an export's). */
const idempotencyTable = (): string =>
  process.env[LAMBDA_ENV.idempotencyTableName] ?? 'user-profiles-bench-idempotency';

const bodyOf = (event: APIGatewayProxyEvent): Record<string, unknown> =>
  JSON.parse(event.body ?? '{}') as Record<string, unknown>;

/** What a row's function mainly does: its first index action (on the email index), else its first table action. */
type MainCall = TableAction | 'index:dynamodb:Query' | 'index:dynamodb:Scan';
const mainCallOf = (route: RouteDefinition): MainCall | undefined =>
  route.indexActions[0] ? `index:${route.indexActions[0]}` : route.tableActions[0];

/**
 * Each main DynamoDB call on its success path, bare, as the row's function makes it. Keyed by the
 * route table's actions, so a route that calls what an existing one does needs nothing here.
 */
const REFERENCE_CALLS: Readonly<Partial<Record<MainCall, (call: ReferenceCall) => Promise<APIGatewayProxyResult>>>> = {
  'dynamodb:GetItem': async ({ TableName, userId }) => {
    const { Item } = await client.send(new GetCommand({ TableName, Key: { userId }, ConsistentRead: true }));
    return Item ? json(200, Item) : json(404, { status: 404 });
  },
  'dynamodb:PutItem': async ({ TableName, userId, event, now }) => {
    const item = { ...bodyOf(event), userId, createdAt: now, updatedAt: now, version: 1 };
    await client.send(new PutCommand({ TableName, Item: item, ConditionExpression: 'attribute_not_exists(userId)' }));
    return json(201, item);
  },
  // One conditional UpdateItem returning the new item, as the shipped update does.
  'dynamodb:UpdateItem': async ({ TableName, userId, event, now }) => {
    const changes = Object.entries({ ...bodyOf(event), updatedAt: now });
    const { Attributes } = await client.send(
      new UpdateCommand({
        TableName,
        Key: { userId },
        UpdateExpression: `SET ${changes.map((_, i) => `#f${i} = :v${i}`).join(', ')}, version = version + :one`,
        ConditionExpression: 'attribute_exists(userId)',
        ExpressionAttributeNames: Object.fromEntries(changes.map(([name], i) => [`#f${i}`, name])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(changes.map(([, value], i) => [`:v${i}`, value])),
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return json(200, Attributes);
  },
  'dynamodb:DeleteItem': async ({ TableName, userId }) => {
    try {
      await client.send(
        new DeleteCommand({ TableName, Key: { userId }, ConditionExpression: 'attribute_exists(userId)' }),
      );
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return json(404, { status: 404 });
      throw error;
    }
    return { statusCode: 204, body: '' };
  },
  'dynamodb:Scan': async ({ TableName }) => {
    const page = await client.send(new ScanCommand({ TableName, Limit: 20, ConsistentRead: true }));
    return json(200, { items: page.Items ?? [], nextCursor: null });
  },
  'index:dynamodb:Query': async ({ TableName, event }) => {
    const { email } = bodyOf(event) as { email: string };
    const page = await client.send(
      new QueryCommand({
        TableName,
        IndexName: 'email-index',
        KeyConditionExpression: 'email = :email',
        ExpressionAttributeValues: { ':email': email.trim().toLowerCase() },
        Limit: 20,
      }),
    );
    return json(200, { items: page.Items ?? [], nextCursor: null });
  },
};

/**
 * The functions that make more than their row's main call, as the use cases make them: a
 * delete then forgets the stored responses about the user; an erasure forgets the user's own
 * and those about them, deletes the profile, the sign-in account, and announces it; an export
 * reads the profile, the user's stored responses and the trail's records at once.
 */
const ROUTE_WORK: Readonly<Partial<Record<FunctionName, ReferenceWork>>> = {
  DeleteUserProfile: async (call) => {
    const answer = await REFERENCE_CALLS['dynamodb:DeleteItem']!(call);
    await forgetStoredResponses(subjectQuery(call.userId));
    return answer;
  },
  EraseUserAccount: async ({ TableName, userId }, remote) => {
    await forgetStoredResponses(scopeQuery(userId));
    await forgetStoredResponses(subjectQuery(userId));
    try {
      await client.send(
        new DeleteCommand({ TableName, Key: { userId }, ConditionExpression: 'attribute_exists(userId)' }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
    await remote.deleteAccount?.(userId);
    await remote.announceErasure?.(userId);
    return { statusCode: 204, body: '' };
  },
  ExportUserData: async ({ TableName, userId }, remote) => {
    const [{ Item }, stored, auditRecords] = await Promise.all([
      client.send(new GetCommand({ TableName, Key: { userId }, ConsistentRead: true })),
      client.send(
        new QueryCommand({
          TableName: idempotencyTable(),
          KeyConditionExpression: '#scope = :scope',
          ExpressionAttributeNames: { '#scope': 'scope' },
          ExpressionAttributeValues: { ':scope': userId },
          ConsistentRead: true,
        }),
      ),
      remote.searchAudit?.(userId) ?? Promise.resolve([]),
    ]);
    return json(200, { userId, profile: Item ?? null, storedResponses: stored.Items ?? [], auditRecords });
  },
};

/** The user's own records (a Query of their partition, keys only). */
const scopeQuery = (scope: string): QueryCommandInput => ({
  TableName: idempotencyTable(),
  KeyConditionExpression: '#scope = :scope',
  ExpressionAttributeNames: { '#scope': 'scope', '#key': 'idempotencyKey' },
  ExpressionAttributeValues: { ':scope': scope },
  ProjectionExpression: '#scope, #key',
  ConsistentRead: true,
});

/** The records about the user in any scope (a Query of the subject index, keys only). */
const subjectQuery = (subject: string): QueryCommandInput => ({
  TableName: idempotencyTable(),
  IndexName: 'subject-index',
  KeyConditionExpression: '#subject = :subject',
  ExpressionAttributeNames: { '#subject': 'subject' },
  ExpressionAttributeValues: { ':subject': subject },
});

/** Deletes what the query finds, 25 keys a BatchWriteItem (none here: the bench stores no responses first). */
const forgetStoredResponses = async (query: QueryCommandInput): Promise<void> => {
  const { Items = [] } = await client.send(new QueryCommand(query));
  for (let start = 0; start < Items.length; start += 25) {
    const deletes = Items.slice(start, start + 25).map(({ scope, idempotencyKey }) => ({
      DeleteRequest: { Key: { scope, idempotencyKey } },
    }));
    await client.send(new BatchWriteCommand({ RequestItems: { [query.TableName!]: deletes } }));
  }
};

/** The caller as the authorizer verified them: an administrator is in `admins` of the admin pool. */
const actorOf = (event: APIGatewayProxyEvent): { userId: string; isAdmin: boolean } => {
  const claims = (event.requestContext.authorizer?.claims ?? {}) as Record<string, string>;
  const groups = claims['cognito:groups'] ?? '';
  return {
    userId: claims.sub!,
    isAdmin: claims.iss === process.env[LAMBDA_ENV.adminIssuer] && groups.split(/[\s,]+/).includes('admins'),
  };
};

/**
 * The record the shipped pipeline writes before acting (audit-policy.ts, restated): every delete,
 * every call of a row that audits every call, and an administrator's action on another's profile
 * (or on any, a listing or a lookup).
 */
const auditRecordOf = (
  row: RouteDefinition,
  event: APIGatewayProxyEvent,
  actor: { userId: string; isAdmin: boolean },
  userId: string,
): ReferenceAuditRecord | undefined => {
  const always = row.auditEveryCall === true || row.method === 'DELETE';
  if (!always && !actor.isAdmin) return undefined;
  const named = (bodyOf(event).userId as string | undefined) ?? actor.userId;
  const target = row.audit === 'any-profile' ? '*' : row.audit === 'named-user' ? named : userId;
  if (!always && target === actor.userId) return undefined;
  return {
    time: new Date().toISOString(),
    requestId: event.requestContext.requestId,
    actor: actor.userId,
    actorIsAdmin: actor.isAdmin,
    action: `${event.httpMethod} ${event.resource}`,
    target,
  };
};

type ReferenceWork = (call: ReferenceCall, remote: Partial<RemoteWork>) => Promise<APIGatewayProxyResult>;

/** What the reference does for a row: its own work, else its main call's; undefined when none is written yet. */
export const referenceWorkOf = (row: RouteDefinition): ReferenceWork | undefined =>
  ROUTE_WORK[row.functionName] ?? REFERENCE_CALLS[mainCallOf(row)!];

/** The id a `{userId}` path names (the caller for `me`), or the caller's on a path without one. */
const targetOf = (event: APIGatewayProxyEvent, actor: { userId: string }): string => {
  const requested = event.pathParameters?.userId;
  return requested === 'me' || requested === undefined ? actor.userId : requested;
};

/** The audit record the same-work reference writes for `event`, before its target is pseudonymised. */
export const referenceAuditRecordOf = (event: APIGatewayProxyEvent): ReferenceAuditRecord | undefined => {
  const row = routeOf(event.httpMethod, event.resource);
  const actor = actorOf(event);
  return row && auditRecordOf(row, event, actor, targetOf(event, actor));
};

const route = async (
  TableName: string,
  event: APIGatewayProxyEvent,
  remote: Partial<RemoteWork>,
): Promise<APIGatewayProxyResult> => {
  const actor = actorOf(event);
  const userId = targetOf(event, actor);
  const row = routeOf(event.httpMethod, event.resource);
  if (!row) return json(405, { status: 405 });
  const record = remote.audit && auditRecordOf(row, event, actor, userId);
  if (record) await remote.audit!(record);
  const work = referenceWorkOf(row);
  // A route whose main call is new to the table: its bare reference must be written above.
  if (!work) throw new Error(`no reference call for ${row.method} ${row.path} (${mainCallOf(row)})`);
  return work({ TableName, userId, event, now: new Date().toISOString() }, remote);
};
