import { PutCommand, UpdateCommand, type DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { conditionFailure, toStoreFault } from './error-translation';

/** A conditional write's outcome: its returned item, or the item that failed the condition when the store says. */
export type WriteOutcome =
  | { readonly written: true; readonly attributes: Record<string, unknown> | undefined }
  | { readonly written: false; readonly itemAsFound: Record<string, unknown> | undefined };

/**
 * Sends one conditional write: its outcome when the condition held or failed, a store fault
 * (`StoreUnavailableError` or `StoreRequestError`) for anything else.
 */
export async function conditionalWrite(
  client: DynamoDBDocumentClient,
  command: PutCommand | UpdateCommand | DeleteCommand,
): Promise<WriteOutcome> {
  try {
    // One overload of `send` per command type keeps the types exact.
    if (command instanceof UpdateCommand) {
      return { written: true, attributes: (await client.send(command)).Attributes };
    }
    if (command instanceof PutCommand) await client.send(command);
    else await client.send(command);
    return { written: true, attributes: undefined };
  } catch (error) {
    const failure = conditionFailure(error);
    if (failure) return { written: false, itemAsFound: failure.item };
    throw toStoreFault(error);
  }
}
