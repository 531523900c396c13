import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbUserProfileRepository } from '@userprofile/adapters-aws';
import { ROUTES } from '@userprofile/http-lambda/routes';

// The route table's grants are only exact if they are what the adapter sends. This records the
// DynamoDB requests the list function's repository calls make and holds the row to them.

/** `dynamodb:<Action> on table|index` for every request sent through the client. */
function recordingClient(): { client: DynamoDBDocumentClient; calls: string[] } {
  const calls: string[] = [];
  const client = {
    send: (command: { constructor: { name: string }; input: { IndexName?: string } }) => {
      const action = `dynamodb:${command.constructor.name.replace(/Command$/, '')}`;
      calls.push(`${action} on ${command.input.IndexName === undefined ? 'table' : 'index'}`);
      return Promise.resolve({ Items: [] });
    },
  };
  return { client: client as unknown as DynamoDBDocumentClient, calls };
}

describe('the list function’s grants', () => {
  it('are exactly the requests its repository calls send: Scan on the table, Query on the index', async () => {
    // Prepare
    const { client, calls } = recordingClient();
    const repository = new DynamoDbUserProfileRepository({
      client,
      tableName: 'user-profiles-test',
      cursorSigningKey: 'grants-test-key',
    });
    const rows = ROUTES.filter((route) => route.functionName === 'ListUserProfiles');
    if (rows.length === 0) throw new Error('the route table has no ListUserProfiles row');

    // Act: the two things the list route does, listing a page and looking up an email
    await repository.list({ limit: 10 });
    await repository.findByEmail('ada@example.com');

    // Assess
    const granted = [
      ...new Set([
        ...rows.flatMap((row) => row.tableActions.map((action) => `${action} on table`)),
        ...rows.flatMap((row) => row.indexActions.map((action) => `${action} on index`)),
      ]),
    ];
    expect([...new Set(calls)].sort()).toEqual(granted.sort());
  });
});
