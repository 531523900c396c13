/**
 * The reference for the sign-up trigger (packages/identity-lambda, post-confirmation): a Cognito
 * trigger handler that makes the DynamoDB calls the shipped one makes for a new account with no
 * legacy profile, with nothing but `@aws-sdk/lib-dynamodb`: the consistent GetItem of the `sub`'s
 * profile, one Query of the email index for legacy profiles (at most 10), the conditional
 * PutItem of the new profile. It returns the event, as Cognito expects.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
const TableName = process.env.TABLE_NAME ?? 'user-profiles-bench';

export const handler = async (event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> => {
  const { sub, email, given_name: firstName, family_name: lastName } = event.request.userAttributes;
  const userId = sub!;
  const { Item } = await client.send(new GetCommand({ TableName, Key: { userId }, ConsistentRead: true }));
  if (Item) return event;
  const normalised = email!.trim().toLowerCase();
  await client.send(
    new QueryCommand({
      TableName,
      IndexName: 'email-index',
      KeyConditionExpression: '#email = :email',
      ExpressionAttributeNames: { '#email': 'email' },
      ExpressionAttributeValues: { ':email': normalised },
      Limit: 10,
    }),
  );
  const now = new Date().toISOString();
  await client.send(
    new PutCommand({
      TableName,
      Item: { userId, email: normalised, firstName, lastName, createdAt: now, updatedAt: now, version: 1 },
      ConditionExpression: 'attribute_not_exists(userId)',
    }),
  );
  return event;
};
