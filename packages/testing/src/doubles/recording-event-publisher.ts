import type { UnpublishedEvent, UserProfileEvent, UserProfileEventPublisher } from '@userprofile/domain';

/** A bus that keeps what it was handed; `refuseNext` makes the next publication fail, as a throttled bus does. */
export class RecordingEventPublisher implements UserProfileEventPublisher {
  readonly published: UserProfileEvent[] = [];
  private refusal: string | undefined;

  /** The next `publish` hands nothing over and returns every event with this reason. */
  refuseNext(reason = 'ThrottlingException'): void {
    this.refusal = reason;
  }

  publish(events: readonly UserProfileEvent[]): Promise<readonly UnpublishedEvent[]> {
    const reason = this.refusal;
    this.refusal = undefined;
    if (reason) return Promise.resolve(events.map((event) => ({ event, reason })));
    this.published.push(...events);
    return Promise.resolve([]);
  }
}
