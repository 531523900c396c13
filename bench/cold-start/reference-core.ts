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

import { routeOf, type FunctionName } from '../../packages/http-lambda/src/routes';

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

/**
 * Each function's DynamoDB calls on its success path, bare. Keyed by the route table's function
 * names, so a route added to the table does not compile until its reference is written here.
 */
const REFERENCE_CALLS: Readonly<Record<FunctionName, (call: ReferenceCall) => Promise<APIGatewayProxyResult>>> = {
  GetUserProfile: async ({ TableName, userId }) => {
    const { Item } = await client.send(new GetCommand({ TableName, Key: { userId }, ConsistentRead: true }));
    return Item ? json(200, Item) : json(404, { status: 404 });
  },
  CreateUserProfile: async ({ TableName, userId, event, now }) => {
    const item = { ...bodyOf(event), userId, createdAt: now, updatedAt: now, version: 1 };
    await client.send(new PutCommand({ TableName, Item: item, ConditionExpression: 'attribute_not_exists(userId)' }));
    return json(201, item);
  },
  // One conditional UpdateItem returning the new item, as the shipped update does.
  UpdateUserProfile: async ({ TableName, userId, event, now }) => {
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
  DeleteUserProfile: async ({ TableName, userId }) => {
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
  ListUserProfiles: async ({ TableName }) => {
    const page = await client.send(new ScanCommand({ TableName, Limit: 20, ConsistentRead: true }));
    return json(200, { items: page.Items ?? [], nextCursor: null });
  },
  SearchUserProfiles: async ({ TableName, event }) => {
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
  return REFERENCE_CALLS[row.functionName]({ TableName, userId, event, now: new Date().toISOString() });
};
