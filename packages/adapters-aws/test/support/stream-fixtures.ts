import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

const FIXTURES = join(__dirname, '..', 'fixtures', 'dynamodb-stream');

/** A recorded stream batch from `test/fixtures/dynamodb-stream/<name>.json`. */
export function streamBatchFixture(name: string): DynamoDBStreamEvent {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as DynamoDBStreamEvent;
}

/** The only record of a one-record fixture; fails naming the fixture otherwise. */
export function streamRecordFixture(name: string): DynamoDBRecord {
  const { Records } = streamBatchFixture(name);
  if (Records.length !== 1 || !Records[0]) throw new Error(`fixture ${name} must hold exactly one record`);
  return Records[0];
}
