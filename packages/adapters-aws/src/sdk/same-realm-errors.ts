import { types } from 'node:util';

import type { DeserializeMiddleware, MiddlewareStack } from '@smithy/types';

/**
 * An error from another JavaScript realm, re-created in this one with its own fields
 * (`name`, `code`, `errno`, `syscall`, ...) and stack. Anything else is returned as is.
 */
export function inThisRealm(error: unknown): unknown {
  if (error instanceof Error || !types.isNativeError(error)) return error;
  const local = Object.assign(new Error(error.message), error);
  local.name = error.name;
  if (error.stack !== undefined) local.stack = error.stack;
  return local;
}

/**
 * Makes a client's network errors arrive with their `code` and `name` intact.
 *
 * The SDK's retry layer turns any thrown value that is not `instanceof Error` into a bare
 * `Error` whose only trace of the original is its text: an `ECONNRESET` loses its code and a
 * time-out its name, so neither retries nor our classification could see what happened. That
 * happens whenever the SDK runs in another realm than Node's core, which throws the network
 * errors: under jest, the SDK lives in the test's sandbox. In a Lambda there is one realm and
 * this step passes every error through untouched.
 */
export function keepNetworkErrorsInRealm<Input extends object, Output extends object>(
  stack: MiddlewareStack<Input, Output>,
): void {
  const rethrowInThisRealm: DeserializeMiddleware<Input, Output> = (next) => async (args) => {
    try {
      return await next(args);
    } catch (error) {
      throw inThisRealm(error);
    }
  };
  // Innermost, right above the HTTP handler that throws them.
  stack.add(rethrowInThisRealm, { step: 'deserialize', priority: 'low', name: 'keepNetworkErrorsInRealm' });
}
