import { createHash } from 'node:crypto';

import {
  checkWriteCondition,
  err,
  InvalidCursorError,
  ok,
  ProfileAlreadyExistsError,
  UserProfile,
  type LastWrite,
  type PageRequest,
  type ProfileChange,
  type ProfilePage,
  type ProfileRevision,
  type Result,
  type UserProfilePrimitives,
  type UserProfileRepository,
  type WriteConditionError,
  type WriteOptions,
} from '@userprofile/domain';

/**
 * A repository in a Map, with the semantics a real store must have: conditional writes,
 * key-ordered paging whose cursor is the last key seen (so paging stays stable while
 * profiles come and go), and copies in and out so callers never share state with it.
 */
export class InMemoryUserProfileRepository implements UserProfileRepository {
  private readonly items = new Map<string, UserProfilePrimitives>();
  private readonly writeTokens = new Map<string, string>();
  private readonly claims = new Map<string, string>();

  async get(userId: string): Promise<UserProfile | undefined> {
    const item = this.items.get(userId);
    return item && UserProfile.fromPrimitives(item);
  }

  async lastWrite(userId: string): Promise<LastWrite | undefined> {
    const profile = await this.get(userId);
    const writeToken = this.writeTokens.get(userId);
    return profile && (writeToken === undefined ? { profile } : { profile, writeToken });
  }

  async create(profile: UserProfile, options?: WriteOptions): Promise<Result<void, ProfileAlreadyExistsError>> {
    if (this.items.has(profile.userId)) return err(new ProfileAlreadyExistsError(profile.userId));
    this.items.set(profile.userId, profile.toPrimitives());
    this.stamp(profile.userId, options);
    return ok();
  }

  async applyChange(
    change: ProfileChange,
    expected?: ProfileRevision,
    options?: WriteOptions,
  ): Promise<Result<UserProfile, WriteConditionError>> {
    const checked = checkWriteCondition(change.userId, this.items.get(change.userId), expected);
    if (!checked.ok) return checked;
    const next = UserProfile.fromPrimitives(checked.value).apply(change);
    this.items.set(change.userId, next.toPrimitives());
    this.stamp(change.userId, options);
    return ok(next);
  }

  async delete(userId: string, expected?: ProfileRevision): Promise<Result<void, WriteConditionError>> {
    const checked = checkWriteCondition(userId, this.items.get(userId), expected);
    if (!checked.ok) return checked;
    this.items.delete(userId);
    this.writeTokens.delete(userId);
    this.claims.delete(userId);
    return ok();
  }

  async claim(
    from: UserProfile,
    claimed: UserProfile,
  ): Promise<Result<void, ProfileAlreadyExistsError | WriteConditionError>> {
    if (this.items.has(claimed.userId)) return err(new ProfileAlreadyExistsError(claimed.userId));
    const checked = checkWriteCondition(from.userId, this.items.get(from.userId), from.revision);
    if (!checked.ok) return checked;
    this.items.delete(from.userId);
    this.writeTokens.delete(from.userId);
    this.items.set(claimed.userId, claimed.toPrimitives());
    this.claims.set(claimed.userId, from.userId);
    return ok();
  }

  /** The id the profile at `userId` was claimed from, if a claim put it there. */
  claimedFrom(userId: string): string | undefined {
    return this.claims.get(userId);
  }

  async list({ limit, cursor }: PageRequest): Promise<Result<ProfilePage, InvalidCursorError>> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (after === null) return err(new InvalidCursorError());
    const keys = [...this.items.keys()].sort().filter((key) => after === undefined || key > after);
    const pageKeys = keys.slice(0, limit);
    const last = pageKeys.at(-1);
    return ok({
      items: pageKeys.map((key) => UserProfile.fromPrimitives(this.items.get(key)!)),
      nextCursor: keys.length > limit && last !== undefined ? encodeCursor(last) : null,
    });
  }

  async findByEmail(email: string, { limit, cursor }: PageRequest): Promise<Result<ProfilePage, InvalidCursorError>> {
    const scope = `email:${email}`;
    const after = cursor === undefined ? undefined : decodeCursor(cursor, scope);
    if (after === null) return err(new InvalidCursorError());
    const keys = [...this.items.values()]
      .filter((item) => item.email === email && (after === undefined || item.userId > after))
      .map((item) => item.userId)
      .sort();
    const pageKeys = keys.slice(0, limit);
    const last = pageKeys.at(-1);
    return ok({
      items: pageKeys.map((key) => UserProfile.fromPrimitives(this.items.get(key)!)),
      nextCursor: keys.length > limit && last !== undefined ? encodeCursor(last, scope) : null,
    });
  }

  /** Every stored profile as plain data: for tests that check what was (not) written. */
  snapshot(): UserProfilePrimitives[] {
    return [...this.items.values()].map((item) => ({ ...item }));
  }

  private stamp(userId: string, options: WriteOptions | undefined): void {
    if (options?.writeToken === undefined) this.writeTokens.delete(userId);
    else this.writeTokens.set(userId, options.writeToken);
  }
}

// A checksum makes the cursor tamper-evident, as a real adapter's must be (it signs its own).
// The scope (the whole listing, or one email's lookup) is inside it: a cursor continues only
// the walk that issued it.
const checksum = (key: string, scope: string): string =>
  createHash('sha256').update(`in-memory-cursor:${scope}\n${key}`).digest('base64url').slice(0, 16);

function encodeCursor(lastKey: string, scope = 'list'): string {
  return Buffer.from(JSON.stringify([lastKey, checksum(lastKey, scope)]), 'utf8').toString('base64url');
}

/** The last key seen, or null when the cursor is not one this repository issued for `scope`. */
function decodeCursor(cursor: string, scope = 'list'): string | null {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || typeof decoded[0] !== 'string' || decoded[1] !== checksum(decoded[0], scope)) {
      return null;
    }
    return decoded[0];
  } catch {
    return null;
  }
}
