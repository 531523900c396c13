import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { UserProfileEvent } from '@userprofile/domain';
import { mockClient } from 'aws-sdk-client-mock';

import { EventBridgeUserProfileEventPublisher } from '../../src';

const anEvent = (n: number): UserProfileEvent => ({
  type: 'UserProfileUpdated',
  detail: {
    eventId: n.toString(16).padStart(32, '0'),
    userId: `user-${n}`,
    version: 2,
    incarnation: 'k2m9x4q7c1r8p0ab',
    changedFields: ['lastName'],
    occurredAt: '2026-11-24T10:00:00.000Z',
  },
});

describe('EventBridgeUserProfileEventPublisher with a mocked client', () => {
  const client = new EventBridgeClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  const eventBridge = mockClient(client);
  const waits: number[] = [];
  const publisher = new EventBridgeUserProfileEventPublisher({
    client,
    eventBusName: 'userprofile-test',
    sleep: async (ms) => void waits.push(ms),
  });

  beforeEach(() => {
    eventBridge.reset();
    waits.length = 0;
  });
  afterAll(() => eventBridge.restore());

  it('returns exactly the entries the bus refused for good, with their error codes, without sending them again', async () => {
    // Prepare: 12 events; in the first call the 2nd and 9th are refused as malformed, the second call succeeds.
    const events = Array.from({ length: 12 }, (_, i) => anEvent(i));
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 2,
        Entries: Array.from({ length: 10 }, (_, i) =>
          i === 1 || i === 8
            ? { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed' }
            : { EventId: `id-${i}` },
        ),
      })
      .resolvesOnce({ FailedEntryCount: 0, Entries: [{ EventId: 'id-10' }, { EventId: 'id-11' }] });

    // Act
    const unpublished = await publisher.publish(events);

    // Assess
    expect(unpublished).toEqual([
      { event: events[1], reason: 'MalformedDetail' },
      { event: events[8], reason: 'MalformedDetail' },
    ]);
    expect(eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries?.length)).toEqual([
      10, 2,
    ]);
  });

  it('sends throttled entries again, only them, after a growing back-off, until they are taken', async () => {
    // Prepare: of 3 events the 1st and 3rd are throttled, then the 3rd again, then taken.
    const events = [anEvent(1), anEvent(2), anEvent(3)];
    const throttled = { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' };
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 2, Entries: [throttled, { EventId: 'b' }, throttled] })
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ EventId: 'a' }, throttled] })
      .resolvesOnce({ FailedEntryCount: 0, Entries: [{ EventId: 'c' }] });

    // Act
    const unpublished = await publisher.publish(events);

    // Assess
    expect(unpublished).toEqual([]);
    const sent = eventBridge
      .commandCalls(PutEventsCommand)
      .map((call) => call.args[0].input.Entries?.map((e) => e.Detail));
    expect(sent).toEqual([
      events.map((e) => JSON.stringify(e.detail)),
      [JSON.stringify(events[0]!.detail), JSON.stringify(events[2]!.detail)],
      [JSON.stringify(events[2]!.detail)],
    ]);
    expect(waits).toHaveLength(2);
    expect(waits[1]!).toBeGreaterThan(waits[0]!);
  });

  it('returns an entry still throttled after the last attempt', async () => {
    const throttled = { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' };
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [throttled] });

    const unpublished = await publisher.publish([anEvent(1)]);

    expect(unpublished).toEqual([{ event: anEvent(1), reason: 'ThrottlingException' }]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(3);
  });

  it('stops at a call that failed as a whole: its events and all later ones are returned, none is sent after', async () => {
    // Prepare: 25 events, three calls; the second fails after the SDK's retries.
    const events = Array.from({ length: 25 }, (_, i) => anEvent(i));
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 0, Entries: Array.from({ length: 10 }, (_, i) => ({ EventId: `id-${i}` })) })
      .rejectsOnce(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }))
      .resolves({ FailedEntryCount: 0, Entries: [] });

    // Act
    const unpublished = await publisher.publish(events);

    // Assess
    expect(unpublished.map((u) => u.event)).toEqual(events.slice(10));
    expect(unpublished.slice(0, 10).map((u) => u.reason)).toEqual(Array(10).fill('TimeoutError'));
    expect(unpublished.slice(10).map((u) => u.reason)).toEqual(Array(5).fill('NotSent'));
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(2);
  });

  it('counts an entry without a result as not published', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'only-one' }] });

    const unpublished = await publisher.publish([anEvent(1), anEvent(2)]);

    expect(unpublished).toEqual([{ event: anEvent(2), reason: 'NoResultForEntry' }]);
  });

  it('sends the bus, the source, the type as detail-type, the detail as JSON and the time it occurred', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e' }] });

    await publisher.publish([anEvent(7)]);

    expect(eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries).toEqual([
      {
        EventBusName: 'userprofile-test',
        Source: 'userprofile',
        DetailType: 'UserProfileUpdated',
        Detail: JSON.stringify(anEvent(7).detail),
        Time: new Date('2026-11-24T10:00:00.000Z'),
      },
    ]);
  });

  it('sends nothing for no events', async () => {
    expect(await publisher.publish([])).toEqual([]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });
});
