import type { UnpublishedEvent, UserProfileEvent, UserProfileEventPublisher } from '@userprofile/domain';
import { streamRecordEvent } from '@userprofile/adapters-aws';
import type { DynamoDBStreamEvent } from 'aws-lambda';

import type { BatchCounts, StreamBatchMetrics } from '../../src/batch-metrics';
import { createPublishProfileChangesHandler, type StreamLogger } from '../../src/publish-profile-changes-handler';
import { personalValuesIn, sequenceNumberOf, streamBatch, userIdOf } from '../support/stream-batch';

/** Keeps what it is given; refuses the events of the records named in `refuse`. */
class RecordingPublisher implements UserProfileEventPublisher {
  readonly published: UserProfileEvent[] = [];
  constructor(private readonly refuse: (event: UserProfileEvent) => boolean = () => false) {}

  async publish(events: readonly UserProfileEvent[]): Promise<readonly UnpublishedEvent[]> {
    const unpublished = events.filter(this.refuse).map((event) => ({ event, reason: 'ThrottlingException' }));
    this.published.push(...events.filter((event) => !this.refuse(event)));
    return unpublished;
  }
}

class RecordingLogger implements StreamLogger {
  readonly lines: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  info(message: string, attributes: Record<string, unknown>) {
    this.lines.push({ level: 'info', message, attributes });
  }
  warn(message: string, attributes: Record<string, unknown>) {
    this.lines.push({ level: 'warn', message, attributes });
  }
}

class RecordingMetrics implements StreamBatchMetrics {
  readonly batches: BatchCounts[] = [];
  batchProcessed(counts: BatchCounts) {
    this.batches.push(counts);
  }
}

describe('publish-profile-changes handler', () => {
  const batch = streamBatch('batch-six-users');

  it('publishes one event per record that changed a value, in the order of the batch, and acknowledges all', async () => {
    // Prepare
    const publisher = new RecordingPublisher();
    const handler = createPublishProfileChangesHandler({
      publisher,
      logger: new RecordingLogger(),
      metrics: new RecordingMetrics(),
    });

    // Act
    const response = await handler(batch);

    // Assess: 16 records, one of which rewrote the same values.
    expect(response).toEqual({ batchItemFailures: [] });
    expect(publisher.published).toHaveLength(15);
    const firstUser = userIdOf(batch.Records[0]!);
    expect(
      publisher.published
        .filter((e) => e.detail.userId === firstUser)
        .map((e) => [e.type, 'version' in e.detail && e.detail.version]),
    ).toEqual([
      ['UserProfileCreated', 1],
      ['UserProfileUpdated', 2],
    ]);
  });

  it('reports a record whose event was refused and every later record of that user, nothing of others', async () => {
    // Prepare: the bus refuses the second user's creation.
    const secondUser = userIdOf(batch.Records[1]!);
    const refusedId = streamRecordEvent(batch.Records[1]!).event?.detail.eventId;
    const publisher = new RecordingPublisher((event) => event.detail.eventId === refusedId);
    const handler = createPublishProfileChangesHandler({
      publisher,
      logger: new RecordingLogger(),
      metrics: new RecordingMetrics(),
    });

    // Act
    const response = await handler(batch);

    // Assess
    const expected = batch.Records.slice(1)
      .filter((record) => userIdOf(record) === secondUser)
      .map((record) => ({ itemIdentifier: sequenceNumberOf(record) }));
    expect(expected).toHaveLength(4);
    expect(response.batchItemFailures).toEqual(expected);
  });

  it('reports a record it cannot read (no images) and the later records of its user, and publishes the rest', async () => {
    // Prepare: the stream of a table whose view type lost the images, for one record.
    const broken: DynamoDBStreamEvent = structuredClone(batch);
    delete broken.Records[6]!.dynamodb!.NewImage;
    const publisher = new RecordingPublisher();
    const logger = new RecordingLogger();
    const handler = createPublishProfileChangesHandler({ publisher, logger, metrics: new RecordingMetrics() });

    // Act
    const response = await handler(broken);

    // Assess: record 6 is the first user's update; record 12 is that user's no-op rewrite.
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: sequenceNumberOf(batch.Records[6]!) },
      { itemIdentifier: sequenceNumberOf(batch.Records[12]!) },
    ]);
    expect(publisher.published).toHaveLength(14);
    expect(logger.lines).toContainEqual({
      level: 'warn',
      message: 'stream record not readable',
      attributes: expect.objectContaining({ missing: expect.stringContaining('NewImage') }),
    });
  });

  it('fails the whole batch when a record cannot even be named (no sequence number)', async () => {
    const broken: DynamoDBStreamEvent = structuredClone(batch);
    delete broken.Records[3]!.dynamodb!.SequenceNumber;
    const handler = createPublishProfileChangesHandler({
      publisher: new RecordingPublisher(),
      logger: new RecordingLogger(),
      metrics: new RecordingMetrics(),
    });

    await expect(handler(broken)).rejects.toThrow('SequenceNumber');
  });

  it('logs counts and sequence numbers, never an email, name or phone number', async () => {
    // Prepare: some refusals, so that warnings are written too.
    const logger = new RecordingLogger();
    const publisher = new RecordingPublisher((event) => event.type === 'UserProfileUpdated');
    const handler = createPublishProfileChangesHandler({ publisher, logger, metrics: new RecordingMetrics() });

    // Act
    await handler(batch);

    // Assess
    const logged = JSON.stringify(logger.lines);
    expect(logger.lines.filter((line) => line.level === 'warn').length).toBeGreaterThan(0);
    expect(logger.lines).toContainEqual({
      level: 'info',
      message: 'stream batch processed',
      attributes: expect.objectContaining({ records: 16, unchanged: 1 }),
    });
    for (const value of personalValuesIn(batch)) expect(logged).not.toContain(value);
  });

  it('meters each batch once: failed records (refused or unreadable) and published events', async () => {
    // Prepare: the bus refuses the second user's creation; record 6 lost its new image.
    const broken: DynamoDBStreamEvent = structuredClone(batch);
    delete broken.Records[6]!.dynamodb!.NewImage;
    const refusedId = streamRecordEvent(batch.Records[1]!).event?.detail.eventId;
    const metrics = new RecordingMetrics();
    const handler = createPublishProfileChangesHandler({
      publisher: new RecordingPublisher((event) => event.detail.eventId === refusedId),
      logger: new RecordingLogger(),
      metrics,
    });

    // Act
    const response = await handler(broken);

    // Assess: 16 records, 1 no-op, 1 unreadable, 1 refused: 13 published.
    expect(metrics.batches).toEqual([
      { records: 16, published: 13, unchanged: 1, failed: 2, retried: response.batchItemFailures.length },
    ]);
  });
});
