import { randomUUID } from 'node:crypto';

import { describeIdempotencyStoreContract } from '@userprofile/testing';

import { createIdempotencyTable, DynamoDbIdempotencyStore } from '../../src';
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
