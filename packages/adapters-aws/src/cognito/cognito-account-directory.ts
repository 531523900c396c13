import {
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { StoreUnavailableError, type AccountDirectory } from '@userprofile/domain';

import { createSdkClient, REQUEST_PATH_PATIENCE, type SdkClientOptions } from '../sdk/sdk-client';
import { describeSdkError, isStoreUnreachable } from '../sdk/sdk-error-facts';

/** How long a caller is asked to wait when the user pool does not answer. */
export const USER_POOL_RETRY_AFTER_SECONDS = 5;

/** Cognito's answers that mean "slow down", not "no". */
const THROTTLING = new Set(['TooManyRequestsException', 'LimitExceededException', 'ThrottlingException']);

/**
 * The accounts of one Cognito user pool. `hasAccount` is a `ListUsers` with `sub = "…"` (the only
 * lookup by `sub`: a pool's usernames may be emails); `deleteAccount` is `AdminDeleteUser`, whose
 * `UserNotFoundException` means the work is done. Throttling and unanswered calls are
 * `StoreUnavailableError`s (503 + Retry-After), anything else is thrown as the SDK threw it.
 */
export class CognitoAccountDirectory implements AccountDirectory {
  constructor(
    private readonly client: Pick<CognitoIdentityProviderClient, 'send'>,
    private readonly userPoolId: string,
  ) {}

  async hasAccount(sub: string): Promise<boolean> {
    const page = await this.call(() =>
      this.client.send(
        new ListUsersCommand({
          UserPoolId: this.userPoolId,
          Filter: `sub = "${escapeFilterValue(sub)}"`,
          AttributesToGet: ['sub'],
          Limit: 1,
        }),
      ),
    );
    return (page.Users ?? []).length > 0;
  }

  async deleteAccount(sub: string): Promise<void> {
    try {
      // AdminDeleteUser takes a username; `sub` is accepted in its place, whatever the pool's
      // sign-in attributes.
      await this.call(() =>
        this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: sub })),
      );
    } catch (error) {
      if (describeSdkError(error).name !== 'UserNotFoundException') throw error;
    }
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const facts = describeSdkError(error);
      // Cognito's throttling names, and the SDK's own rules as for DynamoDB (a refused connection is transient).
      const passing = isThrottlingError(facts) || isTransientError(facts) || isServerError(facts);
      if (THROTTLING.has(facts.name) || passing || isStoreUnreachable(facts))
        throw new StoreUnavailableError(USER_POOL_RETRY_AFTER_SECONDS, { cause: error });
      throw error;
    }
  }
}

// ListUsers takes a quoted value in which quotes and backslashes are escaped with a backslash.
function escapeFilterValue(value: string): string {
  return value.replace(/[\\"]/g, (character) => `\\${character}`);
}

/** The user pool's client, with the request path's time-outs: an erasure waits on it. */
export const createCognitoClient = (options: SdkClientOptions = {}): CognitoIdentityProviderClient =>
  createSdkClient((config) => new CognitoIdentityProviderClient(config), options, REQUEST_PATH_PATIENCE);
