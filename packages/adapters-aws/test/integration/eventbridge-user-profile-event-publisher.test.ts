import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { ProfileChangeEvent, UserProfileEvent } from '@userprofile/domain';
import { useBusProbe, useMoto, userProfileEventSchemaErrors } from '@userprofile/testing';

import { createSdkClient, EventBridgeUserProfileEventPublisher, streamRecordEvent } from '../../src';
import { streamRecordFixture } from '../support/stream-fixtures';

const PATIENT_ONE_ATTEMPT = { maxAttempts: 1, connectionTimeoutMs: 10_000, requestTimeoutMs: 50_000 };

const anEvent = (n: number): UserProfileEvent => ({
  type: n % 3 === 0 ? 'UserProfileCreated' : n % 3 === 1 ? 'UserProfileUpdated' : 'UserProfileDeleted',
  detail: {
    eventId: n.toString(16).padStart(32, '0'),
    userId: `user-${n}`,
    version: 1 + (n % 5),
    incarnation: 'k2m9x4q7c1r8p0ab',
    changedFields: ['email', 'lastName'],
    occurredAt: '2026-11-24T10:00:00.000Z',
  },
});

describe('EventBridgeUserProfileEventPublisher over the EventBridge protocol (moto: bus, rule, SQS target)', () => {
  // What is under test is the publisher's batching and partial-failure handling, not the
  // transport: one patient attempt, so a moto slowed by a busy machine cannot make the SDK
  // resend a PutEvents that landed (EventBridge itself is at-least-once).
  const moto = useMoto((endpoint) =>
    createSdkClient((config) => new EventBridgeClient(config), { endpoint }, PATIENT_ONE_ATTEMPT),
  );
  const bus = useBusProbe(moto);

  /** Publishes to the probe's bus: what the publisher left unpublished, and what the bus delivered. */
  const publishToProbe = async (events: UserProfileEvent[]) => {
    const publisher = new EventBridgeUserProfileEventPublisher({
      client: moto.client,
      eventBusName: bus.probe.eventBusName,
    });
    const unpublished = await publisher.publish(events);
    return { unpublished, received: await bus.probe.receive(events.length) };
  };

  it('delivers the events the stream fixtures map to, each valid against the committed schema', async () => {
    // Prepare
    const events = ['insert', 'modify', 'remove', 'legacy-modify', 'legacy-remove']
      .map((name) => streamRecordEvent(streamRecordFixture(name)).event)
      .filter((event): event is ProfileChangeEvent => event !== undefined);

    // Act
    const { unpublished, received } = await publishToProbe(events);

    // Assess
    expect(unpublished).toEqual([]);
    expect(received.map((envelope) => userProfileEventSchemaErrors(envelope))).toEqual(events.map(() => []));
    expect(received.map((envelope) => [envelope['detail-type'], envelope.detail])).toEqual(
      expect.arrayContaining(events.map((event) => [event.type, event.detail])),
    );
    expect(received).toHaveLength(events.length);
  }, 60_000);

  it('delivers all of a batch larger than one PutEvents call (23 events), each exactly once', async () => {
    // Prepare
    const events = Array.from({ length: 23 }, (_, i) => anEvent(i));

    // Act
    const { unpublished, received } = await publishToProbe(events);

    // Assess
    expect(unpublished).toEqual([]);
    const ids = received.map((envelope) => (envelope.detail as { eventId: string }).eventId);
    expect([...ids].sort()).toEqual(events.map((event) => event.detail.eventId).sort());
    for (const envelope of received) expect(userProfileEventSchemaErrors(envelope)).toEqual([]);
  }, 60_000);

  it('returns every event as unpublished when the bus does not exist', async () => {
    // Prepare
    const publisher = new EventBridgeUserProfileEventPublisher({
      client: moto.client,
      eventBusName: 'userprofile-missing',
    });
    const events = [anEvent(1), anEvent(2)];

    // Act
    const unpublished = await publisher.publish(events);

    // Assess
    expect(unpublished.map((u) => u.event)).toEqual(events);
    expect(unpublished.every((u) => u.reason.length > 0)).toBe(true);
  }, 60_000);
});
