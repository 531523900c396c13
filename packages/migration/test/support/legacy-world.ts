import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { LegacyItemMother } from '@userprofile/testing';

/**
 * A plain Cognito client for test set-up against moto: one attempt, a long time-out. A
 * cold moto can take seconds to answer its first call, and a retried AdminCreateUser would
 * fail on the user its first attempt made.
 */
export function cognitoSetUpClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 10_000, requestTimeout: 60_000 }),
  });
}

/** A new user pool; its id. */
export async function createUserPool(client: CognitoIdentityProviderClient, name: string): Promise<string> {
  const created = await client.send(new CreateUserPoolCommand({ PoolName: name }));
  const id = created.UserPool?.Id;
  if (id === undefined) throw new Error('CreateUserPool returned no pool id');
  return id;
}

/** Creates a user with this email; its `sub`. */
export async function createUser(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
): Promise<string> {
  const created = await client.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: `user-${Math.random().toString(36).slice(2)}`,
      UserAttributes: [{ Name: 'email', Value: email }],
      MessageAction: 'SUPPRESS',
    }),
  );
  const sub = created.User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
  if (sub === undefined) throw new Error('AdminCreateUser returned no sub');
  return sub;
}

/** Stores an item as the original stack's create wrote it (see `LegacyItemMother`) and returns its id. */
export async function storeOriginalItem(client: DynamoDBDocumentClient, tableName: string): Promise<string> {
  const item = LegacyItemMother.created();
  await client.send(new PutCommand({ TableName: tableName, Item: item }));
  return String(item.userId);
}
