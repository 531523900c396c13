import {
  createEventBridgeClient,
  EventBridgeUserProfileEventPublisher,
  streamRecordEvent,
} from '@userprofile/adapters-aws';
import type {
  ProfileChangeEvent,
  UnpublishedEvent,
  UserProfileEvent,
  UserProfileEventPublisher,
} from '@userprofile/domain';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { aLambdaContext, useBusProbe, useMoto, userProfileEventSchemaErrors } from '@userprofile/testing';

import { createPublishProfileChangesHandler } from '../../src/publish-profile-changes-handler';
import { personalValuesIn, redeliveryAfter, sequenceNumberOf, streamBatch, userIdOf } from '../support/stream-batch';

/** The real publisher, except that the bus "refuses" the events `refuse` picks (a throttled entry). */
class RefusingSome implements UserProfileEventPublisher {
  constructor(
    private readonly real: UserProfileEventPublisher,
    private readonly refuse: (event: UserProfileEvent) => boolean,
  ) {}

  async publish(events: readonly UserProfileEvent[]): Promise<readonly UnpublishedEvent[]> {
    const refused = events.filter(this.refuse).map((event) => ({ event, reason: 'ThrottlingException' }));
    return [...refused, ...(await this.real.publish(events.filter((event) => !this.refuse(event))))];
  }
}

const silentLogger = { info: () => undefined, warn: () => undefined };
const noMetrics = { batchProcessed: () => undefined };
const detailOf = (envelope: Record<string, unknown>) => envelope.detail as UserProfileEvent['detail'];

describe('stream batch -> publish-profile-changes -> EventBridge (moto) -> rule -> SQS', () => {
  const batch = streamBatch('batch-six-users');
  const expectedEvents = batch.Records.map((record) => streamRecordEvent(record).event).filter(
    (event): event is ProfileChangeEvent => event !== undefined,
  );
  const moto = useMoto((endpoint) => createEventBridgeClient({ endpoint }));
  const bus = useBusProbe(moto);

  it('the Lambda entry publishes one schema-valid, value-free event per changing record and acknowledges the batch', async () => {
    // Prepare: the entry as Lambda loads it, configured by its environment only (the SDK reads
    // region, credentials and endpoint at the first call, so the environment stays until then).
    const saved = process.env;
    process.env = {
      ...saved,
      EVENT_BUS_NAME: bus.probe.eventBusName,
      AWS_ENDPOINT_URL_EVENTBRIDGE: moto.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    };
    let response: DynamoDBBatchResponse;
    try {
      let handler: typeof import('../../src/publish-profile-changes').handler | undefined;
      jest.isolateModules(() => {
        handler = jest.requireActual<typeof import('../../src/publish-profile-changes')>(
          '../../src/publish-profile-changes',
        ).handler;
      });

      // Act
      response = await handler!(batch, aLambdaContext());
    } finally {
      process.env = saved;
    }
    const received = await bus.probe.receive(expectedEvents.length);

    // Assess: 16 records, one a rewrite of the same values; 15 events in two PutEvents calls.
    expect(response).toEqual({ batchItemFailures: [] });
    expect(received).toHaveLength(15);
    expect(received.map(userProfileEventSchemaErrors)).toEqual(received.map(() => []));
    expect(received.map((envelope) => envelope['detail-type']).sort()).toEqual(
      expectedEvents.map((event) => event.type).sort(),
    );
    const body = JSON.stringify(received);
    for (const value of personalValuesIn(batch)) expect(body).not.toContain(value);
  }, 90_000);

  it("reports the refused record and its user's later records; Lambda's redelivery completes the set without loss", async () => {
    // Prepare: the bus refuses the second user's creation on the first delivery only.
    const secondUser = userIdOf(batch.Records[1]!);
    const refusedId = expectedEvents.find((event) => event.detail.userId === secondUser)?.detail.eventId;
    const real = new EventBridgeUserProfileEventPublisher({
      client: moto.client,
      eventBusName: bus.probe.eventBusName,
    });
    const firstDelivery = createPublishProfileChangesHandler({
      publisher: new RefusingSome(real, (event) => event.detail.eventId === refusedId),
      logger: silentLogger,
      metrics: noMetrics,
    });
    const redelivery = createPublishProfileChangesHandler({
      publisher: real,
      logger: silentLogger,
      metrics: noMetrics,
    });

    // Act
    const response = await firstDelivery(batch);
    const afterFirst = await bus.probe.receive(expectedEvents.length - 1);
    const retried = redeliveryAfter(
      batch,
      response.batchItemFailures.map((failure) => failure.itemIdentifier),
    );
    const retryResponse = await redelivery(retried);
    const afterRetry = await bus.probe.receive(retried.Records.length - 1);

    // Assess: what was reported, and what a consumer deduplicating by eventId ends up with.
    expect(response.batchItemFailures).toEqual(
      batch.Records.slice(1)
        .filter((record) => userIdOf(record) === secondUser)
        .map((record) => ({ itemIdentifier: sequenceNumberOf(record) })),
    );
    expect(afterFirst.map(detailOf).map((detail) => detail.eventId)).not.toContain(refusedId);
    expect(retryResponse).toEqual({ batchItemFailures: [] });
    const deduplicated = new Set([...afterFirst, ...afterRetry].map((envelope) => detailOf(envelope).eventId));
    expect([...deduplicated].sort()).toEqual(expectedEvents.map((event) => event.detail.eventId).sort());
  }, 90_000);
});
