/** One stream record as far as retrying goes: where it is and whose change it holds. */
export interface RecordPosition {
  readonly sequenceNumber: string;
  /** The partition key (userId); `undefined` when the record was too malformed to name it. */
  readonly userId: string | undefined;
}

/**
 * The sequence numbers to report as failed: each failed record and every later record of the
 * same user, so that a user's changes are never acknowledged past one that was not published.
 * A failed record that names no user holds back every later record. Order is the batch's.
 */
export function recordsToRetry(records: readonly RecordPosition[], failed: ReadonlySet<string>): string[] {
  const heldBackUsers = new Set<string>();
  let holdAll = false;
  const retry: string[] = [];
  for (const { sequenceNumber, userId } of records) {
    const heldBack = holdAll || (userId !== undefined && heldBackUsers.has(userId));
    if (!heldBack && !failed.has(sequenceNumber)) continue;
    retry.push(sequenceNumber);
    if (userId === undefined) holdAll = true;
    else heldBackUsers.add(userId);
  }
  return retry;
}
