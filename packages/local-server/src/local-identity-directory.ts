import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';

import type { AccountDirectory } from '@userprofile/domain';

import { PRIVATE_FILE_MODE, readTrustedFile } from './private-files';

/** The local stand-in for the user pool's file in `DATA_DIR`. */
export const IDENTITY_DIRECTORY_FILE = 'identity-directory.json';

/** A confirmed account, with the attributes Cognito would hand the post-confirmation trigger. */
export interface LocalAccount {
  readonly sub: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly phoneNumber?: string;
  readonly phoneNumberVerified?: boolean;
  /** ISO 8601 UTC. */
  readonly confirmedAt: string;
}

/** What the file holds: the accounts, and when each deleted `sub` was deleted (an id only, no attributes). */
interface DirectoryState {
  readonly accounts: Record<string, LocalAccount>;
  readonly deleted: Record<string, string>;
}

/** A sign-up that the directory refuses, as Cognito would: the `sub` or the email is taken. */
export class AccountExistsError extends Error {
  constructor(readonly field: 'sub' | 'email') {
    super(`an account with this ${field} exists already`);
    this.name = 'AccountExistsError';
  }
}

/**
 * The user pool of `pnpm start`: the accounts that signed up (`pnpm run sign-up`), kept in one
 * private JSON file of the data folder (or in memory with `IN_MEMORY`). Deleting an account removes
 * its attributes and keeps only its `sub` and the time, so that tokens issued before are refused,
 * as Cognito refuses a deleted user's tokens. Tokens from `pnpm token` for a `sub` that never signed
 * up stay valid: the directory revokes, it does not gate.
 */
export class LocalIdentityDirectory implements AccountDirectory {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string | undefined,
    private state: DirectoryState,
  ) {}

  /** Opens the directory kept in `file` (created on first write); without a file, in memory only. */
  static async open(file?: string): Promise<LocalIdentityDirectory> {
    const text = file === undefined ? undefined : await readTrustedFile(file);
    const state = text === undefined ? { accounts: {}, deleted: {} } : (JSON.parse(text) as DirectoryState);
    return new LocalIdentityDirectory(file, state);
  }

  /** Adds a confirmed account; a new `sub` is made when none is given, as Cognito makes one. */
  signUp(
    account: Omit<LocalAccount, 'sub' | 'confirmedAt'> & { readonly sub?: string },
    now = new Date(),
  ): Promise<LocalAccount> {
    const sub = account.sub ?? randomUUID();
    if (this.state.accounts[sub] !== undefined || this.state.deleted[sub] !== undefined)
      return Promise.reject(new AccountExistsError('sub'));
    const email = account.email.toLowerCase();
    if (Object.values(this.state.accounts).some((existing) => existing.email === email))
      return Promise.reject(new AccountExistsError('email'));
    const confirmed: LocalAccount = { ...account, sub, email, confirmedAt: now.toISOString() };
    return this.save({ ...this.state, accounts: { ...this.state.accounts, [sub]: confirmed } }).then(() => confirmed);
  }

  /** The account with this `sub`, if it signed up and was not deleted. */
  account(sub: string): LocalAccount | undefined {
    return this.state.accounts[sub];
  }

  hasAccount(sub: string): Promise<boolean> {
    return Promise.resolve(this.state.accounts[sub] !== undefined);
  }

  deleteAccount(sub: string, now = new Date()): Promise<void> {
    if (this.state.deleted[sub] !== undefined && this.state.accounts[sub] === undefined) return Promise.resolve();
    const { [sub]: _deleted, ...accounts } = this.state.accounts;
    return this.save({ accounts, deleted: { ...this.state.deleted, [sub]: now.toISOString() } });
  }

  /** Whether a token for `sub` issued at `issuedAt` is void: its account was deleted since. */
  isRevoked(sub: string, issuedAt: Date): boolean {
    const deletedAt = this.state.deleted[sub];
    return deletedAt !== undefined && issuedAt.getTime() <= Date.parse(deletedAt);
  }

  // One write at a time, each a whole new file renamed into place, so a crash leaves the old or the new.
  private save(next: DirectoryState): Promise<void> {
    this.state = next;
    const text = `${JSON.stringify(next, null, 2)}\n`;
    const write = this.writes.then(async () => {
      if (this.file === undefined) return;
      const temporary = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(temporary, text, { mode: PRIVATE_FILE_MODE });
      await fs.rename(temporary, this.file);
    });
    this.writes = write.catch(() => undefined);
    return write;
  }
}
