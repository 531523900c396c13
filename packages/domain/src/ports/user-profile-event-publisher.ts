import { portToken } from '../shared/port-token';
import type { UserProfileEvent } from '../user-profile/events/user-profile-event';

/** An event the publisher could not hand over, and the publisher's short reason (a code, never data). */
export interface UnpublishedEvent {
  readonly event: UserProfileEvent;
  readonly reason: string;
}

/**
 * Where profile events go for other services. Delivery is at least once: an event reported as
 * published may also be among a later retry's, so consumers deduplicate by `eventId`.
 *
 * `publish` hands over the events in the order given and returns those it could not hand over
 * (throttled, rejected, the bus unreachable): a caller retries exactly those. It does not throw
 * for a failure of the bus; only a bug does.
 */
export interface UserProfileEventPublisher {
  publish(events: readonly UserProfileEvent[]): Promise<readonly UnpublishedEvent[]>;
}

export const USER_PROFILE_EVENT_PUBLISHER = portToken<UserProfileEventPublisher>('UserProfileEventPublisher');
