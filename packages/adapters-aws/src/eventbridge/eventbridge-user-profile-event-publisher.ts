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
  /** Further attempts for entries the bus refused with a passing error (throttled, internal). @default 2 */
  readonly entryRetries?: number;
  /** How to wait before those attempts (tests pass one that does not wait). @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Per-entry error codes AWS documents as worth sending again; any other code would fail again. */
const PASSING_ENTRY_ERRORS: ReadonlySet<string> = new Set(['ThrottlingException', 'InternalFailure']);
const ENTRY_RETRY_BASE_MS = 100;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `UserProfileEventPublisher` on an EventBridge bus: `detail-type` is the event's type, `detail`
 * its detail, `time` when it occurred. Events go out in order, in PutEvents calls of at most 10
 * entries and 256 KB, one call after the other. An entry the bus refused for a passing reason is
 * sent again a few times after a short back-off (the SDK retries whole calls, never single
 * entries); one still refused is returned with its error code. A call that fails as a whole
 * (after the SDK's own retries) ends the publishing: its events and all later ones are returned.
 */
export class EventBridgeUserProfileEventPublisher implements UserProfileEventPublisher {
  private readonly client: EventBridgeClient;
  private readonly eventBusName: string;
  private readonly source: string;
  private readonly entryRetries: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(props: EventBridgeUserProfileEventPublisherProps) {
    this.client = props.client;
    this.eventBusName = props.eventBusName;
    this.source = props.source ?? USER_PROFILE_EVENT_SOURCE;
    this.entryRetries = props.entryRetries ?? 2;
    this.sleep = props.sleep ?? wait;
  }

  async publish(events: readonly UserProfileEvent[]): Promise<readonly UnpublishedEvent[]> {
    const { batches, tooLarge } = putEventsBatches(events, (event) => this.entryOf(event));
    const unpublished: UnpublishedEvent[] = tooLarge.map((event) => ({ event, reason: 'EntryTooLarge' }));
    // One call at a time: the bus receives a user's events in the order the stream gave them.
    for (const [index, batch] of batches.entries()) {
      const { refused, busUnavailable } = await this.sendBatch(batch);
      unpublished.push(...refused);
      if (busUnavailable) {
        // The SDK has already retried that call: further calls would only spend the function's
        // time. The rest are returned unsent.
        unpublished.push(
          ...batches.slice(index + 1).flatMap((rest) => rest.map((event) => ({ event, reason: 'NotSent' }))),
        );
        break;
      }
    }
    return unpublished;
  }

  /** One batch, its passing refusals sent again; `busUnavailable` when a call failed as a whole. */
  private async sendBatch(
    batch: readonly UserProfileEvent[],
  ): Promise<{ readonly refused: UnpublishedEvent[]; readonly busUnavailable: boolean }> {
    const refused: UnpublishedEvent[] = [];
    let pending = batch;
    for (let attempt = 0; ; attempt++) {
      const sent = await this.send(pending);
      if ('callFailed' in sent) {
        refused.push(...pending.map((event) => ({ event, reason: sent.callFailed })));
        return { refused, busUnavailable: true };
      }
      const again = attempt < this.entryRetries ? sent.refused.filter((r) => PASSING_ENTRY_ERRORS.has(r.reason)) : [];
      refused.push(...sent.refused.filter((r) => !again.includes(r)));
      if (again.length === 0) return { refused, busUnavailable: false };
      // Exponential back-off with jitter, so that throttled writers do not come back in step.
      await this.sleep(ENTRY_RETRY_BASE_MS * 2 ** attempt * (0.5 + Math.random() / 2));
      pending = again.map((r) => r.event);
    }
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
