import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** A recorded stream batch from `test/fixtures/<name>.json`. */
export function streamBatch(name: string): DynamoDBStreamEvent {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8')) as DynamoDBStreamEvent;
}

export const sequenceNumberOf = (record: DynamoDBRecord): string => record.dynamodb!.SequenceNumber!;
export const userIdOf = (record: DynamoDBRecord): string => record.dynamodb!.Keys!.userId!.S!;

const PERSONAL_ATTRIBUTES = ['email', 'firstName', 'lastName', 'phoneNumber'];

/** Every personal value (email, names, phone) the batch's images hold, for "never leaked" checks. */
export function personalValuesIn(batch: DynamoDBStreamEvent): string[] {
  const values = new Set<string>();
  for (const record of batch.Records) {
    for (const image of [record.dynamodb?.OldImage, record.dynamodb?.NewImage]) {
      for (const name of PERSONAL_ATTRIBUTES) {
        const value = image?.[name]?.S;
        if (value) values.add(value);
      }
    }
  }
  return [...values];
}

/** What Lambda redelivers after a partial failure: the batch from the lowest reported record on. */
export function redeliveryAfter(batch: DynamoDBStreamEvent, itemIdentifiers: readonly string[]): DynamoDBStreamEvent {
  const first = batch.Records.findIndex((record) => itemIdentifiers.includes(sequenceNumberOf(record)));
  return { Records: first === -1 ? [] : batch.Records.slice(first) };
}
