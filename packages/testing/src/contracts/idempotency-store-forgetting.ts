import type { ClaimResult, IdempotencyKey, IdempotencyStore } from '@userprofile/domain';

import { aKey, nextNumber, seconds, T0 } from './idempotency-test-keys';

/**
 * The part of the `IdempotencyStore` contract about forgetting (an erasure, a deleted profile):
 * `currentStore` gives the store the enclosing contract made for the running test.
 */
export function describeForgettingContract(currentStore: () => IdempotencyStore): void {
  describe('forgetting (erasure, and a deleted profile)', () => {
    const completed = async (key: IdempotencyKey, outcome: string, subject?: string): Promise<void> => {
      await currentStore().claim(key, `fp-${key.key}`, T0, seconds(30));
      await currentStore().complete(key, `fp-${key.key}`, { outcome, expiresAt: seconds(86_400), subject });
    };
    // A later request's claim of a key: `claimed` once the key's record is forgotten.
    const claimAgain = (key: IdempotencyKey): Promise<ClaimResult> =>
      currentStore().claim(key, 'fp-again', seconds(1), seconds(31));

    it("forgetScope deletes every record of one caller's scope, claims included, and no one else's", async () => {
      // Prepare
      const store = currentStore();
      const n = nextNumber();
      const scope = `erased-${n}`;
      const [outcome, inFlight, otherCaller] = [aKey(scope), aKey(scope), aKey(`other-${n}`)];
      await completed(outcome, 'outcome', scope);
      await store.claim(inFlight, 'fp-in-flight', T0, seconds(30));
      await completed(otherCaller, 'other outcome', `other-${n}`);

      // Act
      await store.forgetScope(scope);
      await store.forgetScope(scope);

      // Assess
      expect(await claimAgain(outcome)).toEqual({ status: 'claimed' });
      expect(await claimAgain(inFlight)).toEqual({ status: 'claimed' });
      expect(await claimAgain(otherCaller)).toMatchObject({ status: 'completed' });
    });

    it('forgetScope deletes more records than one BatchWriteItem call takes', async () => {
      // Prepare
      const scope = `erased-${nextNumber()}`;
      const keys = Array.from({ length: 60 }, () => aKey(scope));
      for (const key of keys) await completed(key, 'outcome', scope);

      // Act
      await currentStore().forgetScope(scope);

      // Assess
      const claims = await Promise.all(keys.map(claimAgain));
      expect(claims.filter((claim) => claim.status !== 'claimed')).toEqual([]);
    });

    it("forgetSubject deletes the outcomes about the subject in every caller's scope, and nothing else", async () => {
      // Prepare
      const store = currentStore();
      const n = nextNumber();
      const subject = `subject-${n}`;
      const [own, inFlight] = [aKey(subject), aKey(subject)];
      const [byAdmin, adminAboutSomeoneElse] = [aKey(`admin-${n}`), aKey(`admin-${n}`)];
      await completed(own, 'own outcome', subject);
      await completed(byAdmin, 'admin outcome', subject);
      await completed(adminAboutSomeoneElse, 'other outcome', `someone-else-${n}`);
      await store.claim(inFlight, 'fp-in-flight', T0, seconds(30));

      // Act
      await store.forgetSubject(subject);
      await store.forgetSubject(subject);

      // Assess
      expect(await claimAgain(own)).toEqual({ status: 'claimed' });
      expect(await claimAgain(byAdmin)).toEqual({ status: 'claimed' });
      expect(await claimAgain(adminAboutSomeoneElse)).toMatchObject({ status: 'completed', outcome: 'other outcome' });
      // The claim of a request still running is its own: it completes (without the subject's data) as before.
      expect(await store.claim(inFlight, 'fp-in-flight', seconds(1), seconds(31))).toMatchObject({
        status: 'in-flight',
      });
    });
  });
}
