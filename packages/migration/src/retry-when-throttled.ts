import { isThrottlingError } from '@smithy/core/retry';

import { describeSdkError } from '@userprofile/adapters-aws';

const THROTTLE_TRIES = 8;

/**
 * Sends a request, trying again only when DynamoDB throttled it: a throttled request was not
 * carried out, so sending it again is safe. A time-out is not retried: a conditional write
 * may have been carried out, and its retry would be refused by its own success. Such a fault
 * ends the run; rerunning finds the item done (or the copy of a move) and carries on.
 */
export async function retryWhenThrottled<Output>(request: () => Promise<Output>): Promise<Output> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      if (!isThrottlingError(describeSdkError(error)) || attempt >= THROTTLE_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(20_000, 100 * 2 ** attempt * (0.5 + Math.random()))));
    }
  }
}
