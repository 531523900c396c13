import { randomUUID } from 'node:crypto';

import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describeIdempotencyStoreContract } from '@userprofile/testing';

import { createIdempotencyTable, DynamoDbIdempotencyStore, idempotencyTableDefinition } from '../../src';
import { useDynaliteClient } from '../support/dynalite-client';

describe('DynamoDbIdempotencyStore on dynalite (in-process)', () => {
  const dynalite = useDynaliteClient();
  let tableName: string | undefined;

  describeIdempotencyStoreContract('DynamoDB (dynalite)', async () => {
    // One table for the file: every test uses its own keys.
    if (tableName === undefined) {
      tableName = `user-profile-idempotency-test-${randomUUID()}`;
      await createIdempotencyTable(dynalite.client, tableName);
    }
    return new DynamoDbIdempotencyStore({ client: dynalite.client, tableName });
  });
});

describe('createIdempotencyTable on a table made before the subject index', () => {
  const dynalite = useDynaliteClient();

  it('makes the table again with the index, so that a kept local data folder can forget by subject', async () => {
    // Prepare
    const tableName = `user-profile-idempotency-old-${randomUUID()}`;
    const { GlobalSecondaryIndexes: _index, ...withoutIndex } = idempotencyTableDefinition(tableName);
    const oldDefinition = { ...withoutIndex, AttributeDefinitions: withoutIndex.AttributeDefinitions.slice(0, 2) };
    await (dynalite.client as unknown as DynamoDBClient).send(new CreateTableCommand(oldDefinition));
    const store = new DynamoDbIdempotencyStore({ client: dynalite.client, tableName });
    const key = { scope: 'admin', key: 'k' };
    const at = new Date('2026-11-24T10:00:00.000Z');

    // Act
    await createIdempotencyTable(dynalite.client, tableName);
    await store.claim(key, 'fp', at, new Date(at.getTime() + 30_000));
    await store.complete(key, 'fp', {
      outcome: 'outcome',
      expiresAt: new Date(at.getTime() + 86_400_000),
      subject: 'subject-1',
    });
    await store.forgetSubject('subject-1');

    // Assess
    expect(await store.claim(key, 'fp-2', at, new Date(at.getTime() + 30_000))).toEqual({ status: 'claimed' });
  });
});
