import { randomUUID } from 'node:crypto';

import {
  profileChangeEvent,
  type PageRequest,
  type ProfileChange,
  type ProfileRevision,
  type UserProfile,
  type UserProfileEvent,
  type UserProfileRepository,
  type WriteOptions,
} from '@userprofile/domain';

/** The EventBridge source the deployed stream function publishes with. */
const EVENT_SOURCE = 'userprofile';

/**
 * The local server's stand-in for the table's stream (dynalite has none): the repository the
 * handlers write through, telling `emit` the event each write means, from the same mapper the
 * deployed stream function uses (`profileChangeEvent`). It reads the profile before a change or a
 * delete, a call the deployed path never makes; it lives in the local server only, never in a
 * Lambda bundle.
 */
export class EventEchoingRepository implements UserProfileRepository {
  constructor(
    private readonly inner: UserProfileRepository,
    private readonly emit: (event: UserProfileEvent) => void,
  ) {}

  get(userId: string) {
    return this.inner.get(userId);
  }

  lastWrite(userId: string) {
    return this.inner.lastWrite(userId);
  }

  list(page: PageRequest) {
    return this.inner.list(page);
  }

  findByEmail(email: string, page: PageRequest) {
    return this.inner.findByEmail(email, page);
  }

  async create(profile: UserProfile, options?: WriteOptions) {
    const created = await this.inner.create(profile, options);
    if (created.ok) this.echo(undefined, profile);
    return created;
  }

  async applyChange(change: ProfileChange, expected?: ProfileRevision, options?: WriteOptions) {
    const before = await this.inner.get(change.userId);
    const changed = await this.inner.applyChange(change, expected, options);
    if (changed.ok) this.echo(before, changed.value);
    return changed;
  }

  async delete(userId: string, expected?: ProfileRevision) {
    const before = await this.inner.get(userId);
    const deleted = await this.inner.delete(userId, expected);
    if (deleted.ok) this.echo(before, undefined);
    return deleted;
  }

  private echo(before: UserProfile | undefined, after: UserProfile | undefined): void {
    // 32 hex characters, the shape of the deployed ids (there, a hash of the stream position).
    const origin = { eventId: randomUUID().replace(/-/g, ''), occurredAt: new Date().toISOString() };
    const event = profileChangeEvent({ before, after }, origin);
    if (event) this.emit(event);
  }
}

/** An event as a rule's target receives it from EventBridge (the part our schema describes), one JSON line. */
export const eventLine = (event: UserProfileEvent): string =>
  JSON.stringify({ source: EVENT_SOURCE, 'detail-type': event.type, detail: event.detail });
