import { MalformedStreamRecordError, streamRecordEvent, type StreamRecordEvent } from '@userprofile/adapters-aws';
import type { UserProfileEventPublisher } from '@userprofile/domain';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

import { recordsToRetry, type RecordPosition } from './records-to-retry';

type LogAttributes = Record<string, unknown>;

/** What the handler logs through (Powertools' Logger in Lambda). Attributes never hold profile values. */
export interface StreamLogger {
  info(message: string, attributes: LogAttributes): void;
  warn(message: string, attributes: LogAttributes): void;
}

export interface PublishProfileChangesDependencies {
  readonly publisher: UserProfileEventPublisher;
  readonly logger: StreamLogger;
}

/**
 * The stream handler: each record of a batch of the profile table's stream becomes at most one
 * event, all of them are published in the batch's order, and the records whose event was not
 * published are reported back (`ReportBatchItemFailures`) together with every later record of
 * the same user, for Lambda to retry. A record that cannot be read is reported too: after the
 * bounded retries it lands in the dead-letter destination rather than being dropped.
 */
export function createPublishProfileChangesHandler(
  dependencies: PublishProfileChangesDependencies,
): (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse> {
  const { publisher, logger } = dependencies;
  return async (event) => {
    const positions: RecordPosition[] = [];
    const failed = new Set<string>();
    const changes: StreamRecordEvent[] = [];
    for (const record of event.Records) {
      const reading = readRecord(record);
      positions.push({ sequenceNumber: reading.sequenceNumber, userId: reading.userId });
      if ('missing' in reading) {
        failed.add(reading.sequenceNumber);
        logger.warn('stream record not readable', { sequenceNumber: reading.sequenceNumber, missing: reading.missing });
        continue;
      }
      for (const unreadable of reading.unreadableImages) {
        logger.warn('stream image not readable as a profile: counted as no profile', {
          sequenceNumber: reading.sequenceNumber,
          ...unreadable,
        });
      }
      changes.push(reading);
    }

    const withEvents = changes.filter((change) => change.event !== undefined);
    const unpublished = await publisher.publish(withEvents.map((change) => change.event!));
    const recordOfEvent = new Map(withEvents.map((change) => [change.event!.detail.eventId, change.sequenceNumber]));
    for (const { event: notSent, reason } of unpublished) {
      const sequenceNumber = recordOfEvent.get(notSent.detail.eventId);
      if (sequenceNumber === undefined) continue;
      failed.add(sequenceNumber);
      logger.warn('profile event not published', { sequenceNumber, eventId: notSent.detail.eventId, reason });
    }

    const retry = recordsToRetry(positions, failed);
    logger.info('stream batch processed', {
      records: event.Records.length,
      published: withEvents.length - unpublished.length,
      unchanged: changes.length - withEvents.length,
      failed: failed.size,
      retried: retry.length,
    });
    return { batchItemFailures: retry.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

type RecordReading =
  | StreamRecordEvent
  | { readonly sequenceNumber: string; readonly userId: string | undefined; readonly missing: string };

function readRecord(record: DynamoDBRecord): RecordReading {
  try {
    return streamRecordEvent(record);
  } catch (error) {
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    // Without a sequence number the record cannot be named in a partial response: failing the
    // whole batch is the only way to keep it (Lambda then retries and bisects).
    if (!(error instanceof MalformedStreamRecordError) || !sequenceNumber) throw error;
    return { sequenceNumber, userId: record.dynamodb?.Keys?.userId?.S, missing: error.missing };
  }
}
