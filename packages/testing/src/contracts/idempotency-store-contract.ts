import type { IdempotencyKey, IdempotencyStore } from '@userprofile/domain';

import { describeForgettingContract } from './idempotency-store-forgetting';
import { aKey, nextNumber, seconds, T0 } from './idempotency-test-keys';

/** Makes a new, empty idempotency store for one test. */
export type IdempotencyStoreFactory = () => IdempotencyStore | Promise<IdempotencyStore>;

/**
 * The behaviour every `IdempotencyStore` must have: each adapter's test file calls this with a
 * factory for a fresh store, so the in-memory store and DynamoDB (dynalite, container) agree.
 */
export function describeIdempotencyStoreContract(adapterName: string, makeStore: IdempotencyStoreFactory): void {
  describe(`IdempotencyStore contract: ${adapterName}`, () => {
    let store: IdempotencyStore;

    beforeEach(async () => {
      store = await makeStore();
    });

    it('claims a free key', async () => {
      // Act
      const result = await store.claim(aKey(), 'fp-1', T0, seconds(30));

      // Assess
      expect(result).toEqual({ status: 'claimed' });
    });

    it('answers in-flight, with the first fingerprint and the marker expiry, to a second claim', async () => {
      // Prepare
      const key = aKey();
      await store.claim(key, 'fp-1', T0, seconds(30));

      // Act
      const result = await store.claim(key, 'fp-2', seconds(1), seconds(31));

      // Assess
      expect(result).toEqual({ status: 'in-flight', fingerprint: 'fp-1', inFlightUntil: seconds(30) });
    });

    it('lets exactly one of 32 concurrent claims of a free key through', async () => {
      // Prepare
      const key = aKey();

      // Act
      const results = await Promise.all(Array.from({ length: 32 }, () => store.claim(key, 'fp-1', T0, seconds(30))));

      // Assess
      expect(results.filter((r) => r.status === 'claimed')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'in-flight')).toHaveLength(31);
    });

    it('replays the stored outcome of a completed key', async () => {
      // Prepare
      const key = aKey();
      await store.claim(key, 'fp-1', T0, seconds(30));
      await store.complete(key, 'fp-1', { outcome: '{"statusCode":201}', expiresAt: seconds(86_400) });

      // Act
      const result = await store.claim(key, 'fp-1', seconds(60), seconds(90));

      // Assess
      expect(result).toEqual({ status: 'completed', fingerprint: 'fp-1', outcome: '{"statusCode":201}' });
    });

    it('keeps one caller’s key apart from the same key of another caller', async () => {
      // Prepare
      const mine = aKey('user-a');
      const theirs: IdempotencyKey = { scope: 'user-b', key: mine.key };
      await store.claim(mine, 'fp-a', T0, seconds(30));
      await store.complete(mine, 'fp-a', { outcome: 'outcome-a', expiresAt: seconds(86_400) });

      // Act
      const result = await store.claim(theirs, 'fp-b', T0, seconds(30));

      // Assess
      expect(result).toEqual({ status: 'claimed' });
    });

    it('frees a key whose in-flight marker has expired, saying since when its outcome is unknown', async () => {
      // Prepare: a claim that expired, and its successor that expired too
      const key = aKey();
      await store.claim(key, 'fp-1', T0, seconds(30));
      const takenOver = await store.claim(key, 'fp-1', seconds(30), seconds(60));

      // Act
      const result = await store.claim(key, 'fp-1', seconds(61), seconds(91));

      // Assess: the first unresolved claim's time, to the millisecond, through every takeover
      expect(takenOver).toEqual({ status: 'claimed', unresolvedSince: T0 });
      expect(result).toEqual({ status: 'claimed', unresolvedSince: T0 });
    });

    it('frees a completed key after its replay window, judged by the given time', async () => {
      // Prepare
      const key = aKey();
      await store.claim(key, 'fp-1', T0, seconds(30));
      await store.complete(key, 'fp-1', { outcome: 'outcome', expiresAt: seconds(100) });

      // Act
      const within = await store.claim(key, 'fp-1', seconds(99), seconds(129));
      const after = await store.claim(key, 'fp-2', seconds(100), seconds(130));

      // Assess
      expect(within.status).toBe('completed');
      expect(after).toEqual({ status: 'claimed' });
    });

    it('frees a released key at once, saying since when its outcome is unknown', async () => {
      // Prepare
      const key = aKey();
      await store.claim(key, 'fp-1', T0, seconds(30));

      // Act
      await store.release(key, 'fp-1');
      const result = await store.claim(key, 'fp-1', seconds(1), seconds(31));

      // Assess
      expect(result).toEqual({ status: 'claimed', unresolvedSince: T0 });
    });

    it('leaves a newer claim alone when a late, expired claimant completes or releases', async () => {
      // Prepare
      const key = aKey();
      await store.claim(key, 'fp-old', T0, seconds(30));
      await store.claim(key, 'fp-new', seconds(31), seconds(61));

      // Act
      await store.complete(key, 'fp-old', { outcome: 'late outcome', expiresAt: seconds(86_400) });
      await store.release(key, 'fp-old');
      const result = await store.claim(key, 'fp-3', seconds(32), seconds(62));

      // Assess
      expect(result).toEqual({ status: 'in-flight', fingerprint: 'fp-new', inFlightUntil: seconds(61) });
    });

    it('never releases a completed key', async () => {
      // Prepare
      const key = aKey();
      await store.claim(key, 'fp-1', T0, seconds(30));
      await store.complete(key, 'fp-1', { outcome: 'outcome', expiresAt: seconds(86_400) });

      // Act
      await store.release(key, 'fp-1');
      const result = await store.claim(key, 'fp-1', seconds(1), seconds(31));

      // Assess
      expect(result.status).toBe('completed');
    });

    it("reads back one caller's live records, in key order, and none of another caller's", async () => {
      // Prepare
      const scope = `reader-${nextNumber()}-${Date.now()}`;
      const first: IdempotencyKey = { scope, key: 'a' };
      const second: IdempotencyKey = { scope, key: 'b' };
      const third: IdempotencyKey = { scope, key: 'c' };
      await store.claim(second, 'fp-2', T0, seconds(30));
      await store.claim(first, 'fp-1', T0, seconds(30));
      await store.complete(first, 'fp-1', { outcome: '{"statusCode":201}', expiresAt: seconds(86_400) });
      await store.claim(third, 'fp-3', T0, seconds(30));
      await store.release(third, 'fp-3');
      await store.claim({ scope: `${scope}-other`, key: first.key }, 'fp-x', T0, seconds(30));

      // Act
      const records = await store.recordsOf(scope, seconds(1));

      // Assess: the released key is free (expired), the other caller's record is not theirs
      expect(records).toEqual([
        { key: 'a', status: 'completed', outcome: '{"statusCode":201}', expiresAt: seconds(86_400) },
        { key: 'b', status: 'in-flight', expiresAt: seconds(30) },
      ]);
    });

    it('leaves out records whose time has passed, judged by the given time', async () => {
      // Prepare
      const scope = `reader-${nextNumber()}-${Date.now()}`;
      const key = { scope, key: 'only' };
      await store.claim(key, 'fp-1', T0, seconds(30));
      await store.complete(key, 'fp-1', { outcome: 'outcome', expiresAt: seconds(100) });

      // Act
      const within = await store.recordsOf(scope, seconds(99));
      const after = await store.recordsOf(scope, seconds(100));

      // Assess
      expect(within).toHaveLength(1);
      expect(after).toEqual([]);
    });

    it('reads every record of a caller with many, past any page the store reads in', async () => {
      // Prepare: large outcomes, so that a store that reads in pages (DynamoDB: 1 MB) needs several
      const scope = `reader-${nextNumber()}-${Date.now()}`;
      const outcome = 'x'.repeat(100_000);
      const keys = Array.from({ length: 24 }, (_, i) => ({ scope, key: `k-${String(i).padStart(2, '0')}` }));
      for (const key of keys) {
        await store.claim(key, 'fp', T0, seconds(30));
        await store.complete(key, 'fp', { outcome, expiresAt: seconds(86_400) });
      }

      // Act
      const records = await store.recordsOf(scope, seconds(1));

      // Assess
      expect(records.map((record) => record.key)).toEqual(keys.map((key) => key.key));
    });

    it('reads nothing for a caller without records', async () => {
      // Act / Assess
      expect(await store.recordsOf(`nobody-${nextNumber()}`, T0)).toEqual([]);
    });

    describeForgettingContract(() => store);
  });
}
