import { PUT_EVENTS_MAX_BYTES, putEventsBatches, putEventsEntrySize } from '../../src';

const entryOf = (detail: string) => ({ Source: 'userprofile', DetailType: 'UserProfileUpdated', Detail: detail });

describe('putEventsBatches', () => {
  it('splits 23 events into calls of 10, 10 and 3, keeping their order', () => {
    const items = Array.from({ length: 23 }, (_, i) => `{"n":${i}}`);

    const { batches, tooLarge } = putEventsBatches(items, entryOf);

    expect(batches.map((b) => b.length)).toEqual([10, 10, 3]);
    expect(batches.flat()).toEqual(items);
    expect(tooLarge).toEqual([]);
  });

  it('starts a new call before the request would pass 256 KB', () => {
    // Prepare: three entries of a bit over 100 KB each: two fit in one call, three do not.
    const big = `"${'x'.repeat(100 * 1024)}"`;
    const items = [big, big, big];

    // Act
    const { batches } = putEventsBatches(items, entryOf);

    // Assess
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    for (const batch of batches) {
      expect(batch.reduce((sum, item) => sum + putEventsEntrySize(entryOf(item)), 0)).toBeLessThanOrEqual(
        PUT_EVENTS_MAX_BYTES,
      );
    }
  });

  it('sets apart an entry that no call could take', () => {
    const huge = `"${'x'.repeat(PUT_EVENTS_MAX_BYTES)}"`;

    const { batches, tooLarge } = putEventsBatches(['{}', huge, '{}'], entryOf);

    expect(tooLarge).toEqual([huge]);
    expect(batches).toEqual([['{}', '{}']]);
  });

  it('counts bytes as UTF-8 and a Time as 14 bytes, as EventBridge does', () => {
    const entry = { Source: 'ab', DetailType: 'c', Detail: '"é"', Time: new Date(), Resources: ['r1'] };

    expect(putEventsEntrySize(entry)).toBe(14 + 2 + 1 + 4 + 2);
  });
});
