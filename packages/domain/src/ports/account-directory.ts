import { portToken } from '../shared/port-token';

/**
 * The identity provider's accounts (the Cognito user pool in AWS, a file on `pnpm start`): who
 * can sign in, by `sub`. The profile follows the account: sign-up claims a legacy profile only
 * when its key is no account's `sub`, and erasure deletes the account with the profile.
 * Faults are thrown (`StoreUnavailableError` when a retry may succeed).
 */
export interface AccountDirectory {
  /** Whether an account has this `sub`, so that a profile keyed by it belongs to a signed-up user. */
  hasAccount(sub: string): Promise<boolean>;
  /**
   * Deletes the account with this `sub`: it can no longer sign in. Done when the account is
   * gone, also when it was gone already, so that a retried erasure finishes.
   */
  deleteAccount(sub: string): Promise<void>;
}

export const ACCOUNT_DIRECTORY = portToken<AccountDirectory>('AccountDirectory');
