/**
 * The reference the shipped functions are measured against: an API Gateway handler that makes
 * the same DynamoDB calls as the function serving the route, with nothing but
 * `@aws-sdk/lib-dynamodb` (no DI, no validation library, no logger, no config port).
 * One module serves every route so that every comparison uses the same reference bundle;
 * it picks its calls from the event, as API Gateway's resource and method tell it.
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
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

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

const route = async (TableName: string, event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const claims = (event.requestContext.authorizer?.claims ?? {}) as Record<string, string>;
  const requested = event.pathParameters?.userId;
  const userId = requested === 'me' || requested === undefined ? claims.sub! : requested;
  const now = new Date().toISOString();

  switch (`${event.httpMethod} ${event.resource}`) {
    case 'GET /users/{userId}': {
      const { Item } = await client.send(new GetCommand({ TableName, Key: { userId }, ConsistentRead: true }));
      return Item ? json(200, Item) : json(404, { status: 404 });
    }
    case 'POST /users': {
      const item = { ...JSON.parse(event.body ?? '{}'), userId, createdAt: now, updatedAt: now, version: 1 };
      await client.send(new PutCommand({ TableName, Item: item, ConditionExpression: 'attribute_not_exists(userId)' }));
      return json(201, item);
    }
    case 'PUT /users/{userId}':
    case 'PATCH /users/{userId}': {
      const { Item } = await client.send(new GetCommand({ TableName, Key: { userId }, ConsistentRead: true }));
      if (!Item) return json(404, { status: 404 });
      const item = { ...Item, ...JSON.parse(event.body ?? '{}'), updatedAt: now, version: Item.version + 1 };
      await client.send(
        new PutCommand({
          TableName,
          Item: item,
          ConditionExpression: 'attribute_exists(userId) AND version = :expected',
          ExpressionAttributeValues: { ':expected': Item.version },
        }),
      );
      return json(200, item);
    }
    case 'DELETE /users/{userId}': {
      try {
        await client.send(
          new DeleteCommand({ TableName, Key: { userId }, ConditionExpression: 'attribute_exists(userId)' }),
        );
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return json(404, { status: 404 });
        throw error;
      }
      return { statusCode: 204, body: '' };
    }
    case 'GET /users': {
      const page = await client.send(new ScanCommand({ TableName, Limit: 20, ConsistentRead: true }));
      return json(200, { items: page.Items ?? [], nextCursor: null });
    }
    case 'POST /users/search': {
      const { email } = JSON.parse(event.body ?? '{}') as { email: string };
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
    }
    default:
      return json(405, { status: 405 });
  }
};
