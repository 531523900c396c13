import { mockClient } from 'aws-sdk-client-mock';

import { createDynamoDbDocumentClient, DynamoDbUserProfileRepository } from '../../src';

/**
 * The repository on a document client whose every send is answered by aws-sdk-client-mock
 * (`dynamodb`); the endpoint is never reached.
 */
export function mockedRepository() {
  const client = createDynamoDbDocumentClient({ endpoint: 'http://127.0.0.1:9' });
  const dynamodb = mockClient(client);
  const repository = new DynamoDbUserProfileRepository({
    client,
    tableName: 'user-profiles-test',
    cursorSigningKey: 'k',
  });
  return { client, dynamodb, repository };
}
