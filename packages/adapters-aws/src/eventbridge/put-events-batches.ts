import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/** PutEvents takes at most this many entries per call. */
export const PUT_EVENTS_MAX_ENTRIES = 10;

/** PutEvents takes at most this many bytes per call, counted as `putEventsEntrySize` counts. */
export const PUT_EVENTS_MAX_BYTES = 256 * 1024;

// A `Time` is counted as 14 bytes whatever its value.
const TIME_BYTES = 14;

/** An entry's size as EventBridge counts it against the request limit (AWS: "Calculating PutEvents event entry size"). */
export function putEventsEntrySize(entry: PutEventsRequestEntry): number {
  const bytes = (text: string | undefined) => (text === undefined ? 0 : Buffer.byteLength(text, 'utf8'));
  return (
    (entry.Time ? TIME_BYTES : 0) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, resource) => sum + bytes(resource), 0)
  );
}

/**
 * Consecutive groups of items, in order, each within PutEvents' limits on entries and bytes. An
 * item too large for any request is returned apart, for the caller to report.
 */
export function putEventsBatches<T>(
  items: readonly T[],
  entryOf: (item: T) => PutEventsRequestEntry,
): { readonly batches: readonly (readonly T[])[]; readonly tooLarge: readonly T[] } {
  const batches: T[][] = [];
  const tooLarge: T[] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const item of items) {
    const size = putEventsEntrySize(entryOf(item));
    if (size > PUT_EVENTS_MAX_BYTES) {
      tooLarge.push(item);
      continue;
    }
    if (current.length === PUT_EVENTS_MAX_ENTRIES || currentBytes + size > PUT_EVENTS_MAX_BYTES) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(item);
    currentBytes += size;
  }
  if (current.length > 0) batches.push(current);
  return { batches, tooLarge };
}
