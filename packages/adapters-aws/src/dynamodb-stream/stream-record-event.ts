import { createHash } from 'node:crypto';

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { profileChangeEvent, UserId, type ProfileChangeEvent, type UserProfile } from '@userprofile/domain';
import type { DynamoDBRecord } from 'aws-lambda';

import { CLAIMED_FROM } from '../dynamodb/claim-move';
import { USER_PROFILE_TABLE } from '../dynamodb/user-profile-table';
import { profileOf } from '../dynamodb/user-profile-item';
import { readStoredItem } from '../dynamodb/stored-item';

/** A stream image the lenient reader could not read, so the domain sees no profile there. */
export interface UnreadableImage {
  readonly image: 'OldImage' | 'NewImage';
  /** What made it unreadable: an attribute name or `attribute-values`; never a value. */
  readonly reason: string;
}

/** What one stream record means for subscribers. */
export interface StreamRecordEvent {
  /** The record's position in its shard: what Lambda's partial batch response names. */
  readonly sequenceNumber: string;
  /** The table's partition key: records of one key are ordered within a shard. */
  readonly userId: string;
  /** `undefined` when the write changed nothing a client can see (see `profileChangeEvent`). */
  readonly event: ProfileChangeEvent | undefined;
  readonly unreadableImages: readonly UnreadableImage[];
}

/**
 * A record that is not a DynamoDB stream record of the profile table with both images: no retry
 * can make it readable. The message names what is missing, never a value.
 */
export class MalformedStreamRecordError extends Error {
  constructor(readonly missing: string) {
    super(`the stream record has no usable ${missing}`);
    this.name = 'MalformedStreamRecordError';
  }
}

const KEY = USER_PROFILE_TABLE.partitionKey.name;

/**
 * The event a DynamoDB stream record (view type NEW_AND_OLD_IMAGES) of the profile table means.
 * Images are read with the same lenient reader as the repository, so an item in a legacy shape
 * is the profile the API would serve; an image the reader rejects counts as no profile, as the
 * API sees it. Throws `MalformedStreamRecordError` when the record lacks what every record has.
 */
export function streamRecordEvent(record: DynamoDBRecord): StreamRecordEvent {
  const stream = record.dynamodb;
  const sequenceNumber = required(stream?.SequenceNumber, 'dynamodb.SequenceNumber');
  const userId = required(stream?.Keys?.[KEY]?.S, `dynamodb.Keys.${KEY}`);
  const createdAtSeconds = stream?.ApproximateCreationDateTime;
  if (typeof createdAtSeconds !== 'number')
    throw new MalformedStreamRecordError('dynamodb.ApproximateCreationDateTime');
  const eventName = record.eventName;
  if (eventName !== 'INSERT' && eventName !== 'MODIFY' && eventName !== 'REMOVE') {
    throw new MalformedStreamRecordError('eventName');
  }
  const unreadableImages: UnreadableImage[] = [];
  const read = (image: 'OldImage' | 'NewImage'): UserProfile | undefined => {
    // A missing image means the stream does not carry images (view type other than NEW_AND_OLD_IMAGES).
    const attributes = stream?.[image];
    if (!attributes)
      throw new MalformedStreamRecordError(`dynamodb.${image} (the stream view type must be NEW_AND_OLD_IMAGES)`);
    const reading = readImage(attributes);
    if (typeof reading === 'string') {
      unreadableImages.push({ image, reason: reading });
      return undefined;
    }
    return reading;
  };
  const before = eventName === 'INSERT' ? undefined : read('OldImage');
  const after = eventName === 'REMOVE' ? undefined : read('NewImage');
  const origin = {
    eventId: eventIdOf(required(record.eventSourceARN, 'eventSourceARN'), userId, sequenceNumber),
    occurredAt: new Date(createdAtSeconds * 1000).toISOString(),
  };
  const claimedFrom = eventName === 'INSERT' && after ? claimedFromOf(stream?.NewImage) : undefined;
  const transition = { before, after, ...(claimedFrom !== undefined && { claimedFrom }) };
  return { sequenceNumber, userId, event: profileChangeEvent(transition, origin), unreadableImages };
}

/** The profile an image holds, or why it holds none. */
function readImage(attributes: NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>): UserProfile | string {
  let raw: Record<string, unknown>;
  try {
    // aws-lambda's AttributeValue is the same wire shape as the SDK's, typed more loosely.
    raw = unmarshall(attributes as Record<string, AttributeValue>);
  } catch {
    // e.g. a number beyond what a JS number holds exactly: the repository could not read it either.
    return 'attribute-values';
  }
  const reading = readStoredItem(raw);
  return reading.readable ? profileOf(reading.item) : reading.reason;
}

/** The id a claim moved the new item from (its `claimedFrom`), if a claim wrote it. */
function claimedFromOf(image: NonNullable<DynamoDBRecord['dynamodb']>['NewImage']): string | undefined {
  const value = image?.[CLAIMED_FROM]?.S;
  return value !== undefined && UserId.isPossible(value) ? value : undefined;
}

/**
 * A deterministic id for the change one record describes, the same on every delivery. A
 * sequence number alone is only promised unique per partition key within a shard, and a stream
 * is replaced when its table or the stream is re-created; so the id covers the stream's label
 * (its creation time, the last part of its ARN), the key and the sequence number. Hashed, so it
 * has one length and no user id in clear.
 */
export function eventIdOf(streamArn: string, userId: string, sequenceNumber: string): string {
  const label = streamArn.slice(streamArn.lastIndexOf('/') + 1);
  return createHash('sha256').update(`${label}\n${userId}\n${sequenceNumber}`).digest('hex').slice(0, 32);
}

function required(value: string | undefined, name: string): string {
  if (typeof value !== 'string' || value === '') throw new MalformedStreamRecordError(name);
  return value;
}
