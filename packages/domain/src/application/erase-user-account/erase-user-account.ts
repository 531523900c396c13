import { ACCOUNT_DIRECTORY, type AccountDirectory } from '../../ports/account-directory';
import { CLOCK, type Clock } from '../../ports/clock';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from '../../ports/idempotency-store';
import { StoreUnavailableError } from '../../ports/store-unavailable-error';
import { USER_PROFILE_EVENT_PUBLISHER, type UserProfileEventPublisher } from '../../ports/user-profile-event-publisher';
import { USER_PROFILE_REPOSITORY, type UserProfileRepository } from '../../ports/user-profile-repository';
import { err, ok, type Result } from '../../shared/result';
import { ProfileNotFoundError } from '../../user-profile/errors';
import type { UserAccountErased } from '../../user-profile/events/user-profile-event';
import { UserId } from '../../user-profile/value-objects/user-id';
import { mayActOn, type Actor } from '../actor';
import { AccessDeniedError } from '../errors';

export interface EraseUserAccountCommand {
  readonly userId: string;
}

export type EraseUserAccountError = AccessDeniedError | ProfileNotFoundError;

/** Seconds a caller waits before retrying an erasure whose event the bus did not take. */
export const ERASURE_EVENT_RETRY_AFTER_SECONDS = 5;

/**
 * Erases a user's account (the owner's own or, for an administrator, anyone's): GDPR article 17
 * and the app stores' in-app account deletion. Every step is idempotent and a fault in one is
 * thrown (503 to the caller) after the steps before it are done, so a retry runs them all again
 * and finishes. The order matters:
 * 1. the stored responses (the user's own scope, and outcomes about the user in administrators'
 *    scopes): while the account still exists, nothing else can refer to them;
 * 2. the profile (already absent is fine);
 * 3. the sign-in account, after the data: a user who can still sign in can still retry, and an
 *    account left without data is harmless, where data left without an account has no owner to ask;
 * 4. the `UserAccountErased` event, last, so that consumers only hear of a finished erasure; its
 *    `eventId` is the same on every retry, so a second publication is deduplicated.
 * Success is the same whether anything was there or not: a repeat is done at once.
 */
export class EraseUserAccount {
  /** What its constructor takes, by token, in order (`BuiltFromPorts`): how any runtime builds it. */
  static readonly ports = [
    USER_PROFILE_REPOSITORY,
    IDEMPOTENCY_STORE,
    ACCOUNT_DIRECTORY,
    USER_PROFILE_EVENT_PUBLISHER,
    CLOCK,
  ] as const;

  constructor(
    private readonly profiles: UserProfileRepository,
    private readonly storedResponses: IdempotencyStore,
    private readonly accounts: AccountDirectory,
    private readonly events: UserProfileEventPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, command: EraseUserAccountCommand): Promise<Result<void, EraseUserAccountError>> {
    const { userId } = command;
    if (!mayActOn(actor, userId)) return err(new AccessDeniedError());
    // No account or profile can have an impossible id: nothing to erase, and nothing to ask the pool.
    if (!UserId.isPossible(userId)) return err(new ProfileNotFoundError(userId));

    await this.storedResponses.forgetScope(userId);
    await this.storedResponses.forgetSubject(userId);
    const deleted = await this.profiles.delete(userId);
    if (!deleted.ok && !(deleted.error instanceof ProfileNotFoundError)) throw deleted.error;
    await this.accounts.deleteAccount(userId);
    await this.announce(userId);
    return ok();
  }

  private async announce(userId: string): Promise<void> {
    const event: UserAccountErased = {
      type: 'UserAccountErased',
      detail: { eventId: erasureEventId(userId), userId, occurredAt: this.clock.now().toISOString() },
    };
    const unpublished = await this.events.publish([event]);
    if (unpublished.length > 0) throw new StoreUnavailableError(ERASURE_EVENT_RETRY_AFTER_SECONDS);
  }
}

/** One id per erased account, whichever attempt publishes it: an account is erased once. */
export const erasureEventId = (userId: string): string => `erased:${userId}`;
