import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { UnpublishedEvent, UserProfileEvent, UserProfileEventPublisher } from '@userprofile/domain';

import { putEventsBatches } from './put-events-batches';

/** The `source` of every profile event. */
export const USER_PROFILE_EVENT_SOURCE = 'userprofile';

export interface EventBridgeUserProfileEventPublisherProps {
  readonly client: EventBridgeClient;
  /** The bus's name or ARN, e.g. `userprofile-dev`. */
  readonly eventBusName: string;
  /** @default USER_PROFILE_EVENT_SOURCE */
  readonly source?: string;
}

/**
 * `UserProfileEventPublisher` on an EventBridge bus: `detail-type` is the event's type, `detail`
 * its detail, `time` when it occurred. Events go out in order, in PutEvents calls of at most 10
 * entries and 256 KB, one call after the other. An entry the bus refused is returned with its
 * error code; a call that fails as a whole (after the SDK's own retries) ends the publishing, and
 * its events and all later ones are returned.
 */
export class EventBridgeUserProfileEventPublisher implements UserProfileEventPublisher {
  private readonly client: EventBridgeClient;
  private readonly eventBusName: string;
  private readonly source: string;

  constructor(props: EventBridgeUserProfileEventPublisherProps) {
    this.client = props.client;
    this.eventBusName = props.eventBusName;
    this.source = props.source ?? USER_PROFILE_EVENT_SOURCE;
  }

  async publish(events: readonly UserProfileEvent[]): Promise<readonly UnpublishedEvent[]> {
    const { batches, tooLarge } = putEventsBatches(events, (event) => this.entryOf(event));
    const unpublished: UnpublishedEvent[] = tooLarge.map((event) => ({ event, reason: 'EntryTooLarge' }));
    // One call at a time: the bus receives a user's events in the order the stream gave them.
    for (const [index, batch] of batches.entries()) {
      const sent = await this.send(batch);
      if ('callFailed' in sent) {
        // The SDK has already retried this call: the bus is unavailable, and further calls would
        // only spend the function's time. The rest are returned unsent.
        const rest = batches.slice(index + 1).flat();
        unpublished.push(...batch.map((event) => ({ event, reason: sent.callFailed })));
        unpublished.push(...rest.map((event) => ({ event, reason: 'NotSent' })));
        break;
      }
      unpublished.push(...sent.refused);
    }
    return unpublished;
  }

  private async send(
    batch: readonly UserProfileEvent[],
  ): Promise<{ readonly refused: UnpublishedEvent[] } | { readonly callFailed: string }> {
    let results;
    try {
      const response = await this.client.send(new PutEventsCommand({ Entries: batch.map((e) => this.entryOf(e)) }));
      results = response.Entries ?? [];
    } catch (error) {
      // The name only: an SDK message is not ours to vouch for.
      return { callFailed: error instanceof Error ? error.name : 'PutEventsFailed' };
    }
    // Results are positional; an entry without an EventId was not accepted, whatever the reason.
    const refused = batch.flatMap((event, index) => {
      const result = results[index];
      if (result?.EventId && !result.ErrorCode) return [];
      return [{ event, reason: result?.ErrorCode ?? 'NoResultForEntry' }];
    });
    return { refused };
  }

  private entryOf(event: UserProfileEvent): PutEventsRequestEntry {
    return {
      EventBusName: this.eventBusName,
      Source: this.source,
      DetailType: event.type,
      Detail: JSON.stringify(event.detail),
      Time: new Date(event.detail.occurredAt),
    };
  }
}
