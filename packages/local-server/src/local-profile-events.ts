import { randomUUID } from 'node:crypto';

import {
  profileChangeEvent,
  type UnpublishedEvent,
  type UserProfile,
  type UserProfileEvent,
  type UserProfileEventPublisher,
  type UserProfileRepository,
} from '@userprofile/domain';

/** The EventBridge source the deployed stream function publishes with. */
const EVENT_SOURCE = 'userprofile';

/** The repository's reads; every other method is a write of one profile, named by its first argument. */
const READS: ReadonlySet<PropertyKey> = new Set<keyof UserProfileRepository>([
  'get',
  'lastWrite',
  'list',
  'findByEmail',
]);

/** The profile a write names: its id (`delete`), or the profile or change it carries (`create`, `applyChange`). */
const userIdOf = (first: unknown): string =>
  typeof first === 'string' ? first : (first as { readonly userId: string }).userId;

/**
 * The local server's stand-in for the table's stream (dynalite has none): the repository the
 * handlers write through, telling `emit` the event each successful write means, from the profile
 * before and after it and the same mapper the deployed stream function uses
 * (`profileChangeEvent`), as the stream's old and new images do. Every write method is wrapped,
 * so one the port gains is echoed too. It reads the profile around each write, calls the deployed
 * path never makes; it lives in the local server only, never in a Lambda bundle.
 */
export function eventEchoingRepository(
  inner: UserProfileRepository,
  emit: (event: UserProfileEvent) => void,
): UserProfileRepository {
  const echo = (before: UserProfile | undefined, after: UserProfile | undefined, claimedFrom?: string): void => {
    // 32 hex characters, the shape of the deployed ids (there, a hash of the stream position).
    const origin = { eventId: randomUUID().replace(/-/g, ''), occurredAt: new Date().toISOString() };
    const event = profileChangeEvent({ before, after, ...(claimedFrom !== undefined && { claimedFrom }) }, origin);
    if (event) emit(event);
  };
  return new Proxy(inner, {
    get(target, property) {
      const member: unknown = Reflect.get(target, property, target);
      if (typeof member !== 'function') return member;
      if (READS.has(property)) return member.bind(target);
      if (property === 'claim') {
        // Two items change, as the stream would show them: the copy at the new id, the old id's removal.
        return async (from: UserProfile, claimed: UserProfile) => {
          const written = (await member.call(target, from, claimed)) as { readonly ok: boolean };
          if (written.ok) {
            echo(undefined, await target.get(claimed.userId), from.userId);
            echo(from, undefined);
          }
          return written;
        };
      }
      return async (...args: unknown[]) => {
        const userId = userIdOf(args[0]);
        const before = await target.get(userId);
        const written = (await member.apply(target, args)) as { readonly ok: boolean };
        if (written.ok) echo(before, await target.get(userId));
        return written;
      };
    },
  });
}

/**
 * The bus of `pnpm start` for the events a handler publishes itself (an erasure's
 * `UserAccountErased`): each goes to `emit`, as the profile changes' echo does; without `emit`,
 * where no one listens, it is dropped, as an event no rule matches.
 */
export const localEventPublisher = (emit?: (event: UserProfileEvent) => void): UserProfileEventPublisher => ({
  publish(events: readonly UserProfileEvent[]): Promise<readonly UnpublishedEvent[]> {
    for (const event of events) emit?.(event);
    return Promise.resolve([]);
  },
});

/** An event as a rule's target receives it from EventBridge (the part our schema describes), one JSON line. */
export const eventLine = (event: UserProfileEvent): string =>
  JSON.stringify({ source: EVENT_SOURCE, 'detail-type': event.type, detail: event.detail });
