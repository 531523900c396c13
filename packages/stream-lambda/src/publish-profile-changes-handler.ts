import { MalformedStreamRecordError, streamRecordEvent, type StreamRecordEvent } from '@userprofile/adapters-aws';
import type { UserProfileEvent, UserProfileEventPublisher } from '@userprofile/domain';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

import type { BatchCounts, StreamBatchMetrics } from './batch-metrics';
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
  readonly metrics: StreamBatchMetrics;
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
  const { publisher, logger, metrics } = dependencies;
  return async (event) => {
    const { positions, unreadable, changes } = readBatch(event.Records, logger);
    const withEvents = changes.flatMap(({ sequenceNumber, event }) => (event ? [{ sequenceNumber, event }] : []));
    const notPublished = await publish(withEvents, publisher, logger);
    const failed = new Set([...unreadable, ...notPublished]);
    const retry = recordsToRetry(positions, failed);
    const counts: BatchCounts = {
      records: event.Records.length,
      published: withEvents.length - notPublished.length,
      unchanged: changes.length - withEvents.length,
      failed: failed.size,
      retried: retry.length,
    };
    logger.info('stream batch processed', { ...counts });
    metrics.batchProcessed(counts);
    return { batchItemFailures: retry.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

/** Each record's change, in order; the records that could not be read are named apart. */
function readBatch(
  records: readonly DynamoDBRecord[],
  logger: StreamLogger,
): { positions: RecordPosition[]; unreadable: string[]; changes: StreamRecordEvent[] } {
  const positions: RecordPosition[] = [];
  const unreadable: string[] = [];
  const changes: StreamRecordEvent[] = [];
  for (const record of records) {
    const reading = readRecord(record);
    const { sequenceNumber } = reading;
    positions.push({ sequenceNumber, userId: reading.userId });
    if ('missing' in reading) {
      unreadable.push(sequenceNumber);
      logger.warn('stream record not readable', { sequenceNumber, missing: reading.missing });
      continue;
    }
    for (const image of reading.unreadableImages) {
      logger.warn('stream image not readable as a profile: counted as no profile', { sequenceNumber, ...image });
    }
    changes.push(reading);
  }
  return { positions, unreadable, changes };
}

/** Publishes the events in order; returns the sequence numbers of the records whose event was not published. */
async function publish(
  withEvents: readonly { sequenceNumber: string; event: UserProfileEvent }[],
  publisher: UserProfileEventPublisher,
  logger: StreamLogger,
): Promise<string[]> {
  const unpublished = await publisher.publish(withEvents.map(({ event }) => event));
  const recordOfEvent = new Map(withEvents.map(({ sequenceNumber, event }) => [event.detail.eventId, sequenceNumber]));
  return unpublished.map(({ event, reason }) => {
    const sequenceNumber = recordOfEvent.get(event.detail.eventId);
    if (sequenceNumber === undefined) throw new Error('the publisher returned an event it was not given');
    logger.warn('profile event not published', { sequenceNumber, eventId: event.detail.eventId, reason });
    return sequenceNumber;
  });
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
