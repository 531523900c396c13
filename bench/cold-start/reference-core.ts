/**
 * The reference the shipped functions are measured against: an API Gateway handler that makes
 * the same DynamoDB calls as the function serving the route, with nothing but
 * `@aws-sdk/lib-dynamodb` (no DI, no validation library, no logger, no config port).
 * One module serves every route so that every comparison uses the same reference bundle;
 * it finds the event's row in the route table (by API Gateway's resource and method) and makes
 * that function's calls.
 * Bundled through the entries reference-handler.ts and reference-handler-with-settings.ts.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

import { routeOf, type RouteDefinition, type TableAction } from '../../packages/http-lambda/src/routes';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/** A handler that finds its table through `tableName` (the environment, or settings read at run time). */
export const referenceHandler =
  (tableName: () => string | Promise<string>) =>
  async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> =>
    route(await tableName(), event);

/** What one call of the reference knows: its table, the caller's target id, the event, the time. */
interface ReferenceCall {
  readonly TableName: string;
  readonly userId: string;
  readonly event: APIGatewayProxyEvent;
  readonly now: string;
}

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

const route = async (TableName: string, event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const claims = (event.requestContext.authorizer?.claims ?? {}) as Record<string, string>;
  const requested = event.pathParameters?.userId;
  const userId = requested === 'me' || requested === undefined ? claims.sub! : requested;
  const row = routeOf(event.httpMethod, event.resource);
  if (!row) return json(405, { status: 405 });
  const call = REFERENCE_CALLS[mainCallOf(row)!];
  // A route whose main call is new to the table: its bare reference must be written above.
  if (!call) throw new Error(`no reference call for ${row.method} ${row.path} (${mainCallOf(row)})`);
  return call({ TableName, userId, event, now: new Date().toISOString() });
};
