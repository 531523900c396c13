import type {
  ClaimResult,
  HeldIdempotencyRecord,
  IdempotencyKey,
  IdempotencyStore,
  StoredOutcome,
} from '@userprofile/domain';

type StoredRecord =
  | { readonly status: 'in-flight'; readonly fingerprint: string; readonly expiresAt: Date; readonly claimedAt: Date }
  | { readonly status: 'completed'; readonly fingerprint: string; readonly expiresAt: Date; readonly outcome: string };

/**
 * Idempotency records in a Map, with the semantics the DynamoDB store has: a claim succeeds
 * only on a free or expired key, and completion and release act only for the claim's own
 * fingerprint while its marker stands.
 */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, StoredRecord>();

  async claim(key: IdempotencyKey, fingerprint: string, now: Date, inFlightUntil: Date): Promise<ClaimResult> {
    const id = idOf(key);
    const found = this.records.get(id);
    if (found === undefined || found.expiresAt.getTime() <= now.getTime()) {
      const unresolvedSince = found?.status === 'in-flight' ? found.claimedAt : undefined;
      const claimedAt = new Date(unresolvedSince ?? now);
      this.records.set(id, { status: 'in-flight', fingerprint, expiresAt: new Date(inFlightUntil), claimedAt });
      return unresolvedSince
        ? { status: 'claimed', unresolvedSince: new Date(unresolvedSince) }
        : { status: 'claimed' };
    }
    return found.status === 'completed'
      ? { status: 'completed', fingerprint: found.fingerprint, outcome: found.outcome }
      : { status: 'in-flight', fingerprint: found.fingerprint, inFlightUntil: new Date(found.expiresAt) };
  }

  async complete(key: IdempotencyKey, fingerprint: string, outcome: StoredOutcome, expiresAt: Date): Promise<void> {
    const id = idOf(key);
    if (!this.holdsMarker(id, fingerprint)) return;
    this.records.set(id, { status: 'completed', fingerprint, outcome, expiresAt: new Date(expiresAt) });
  }

  async release(key: IdempotencyKey, fingerprint: string): Promise<void> {
    const id = idOf(key);
    const found = this.records.get(id);
    if (found?.status === 'in-flight' && found.fingerprint === fingerprint) {
      this.records.set(id, { ...found, expiresAt: new Date(0) });
    }
  }

  async recordsOf(scope: string, now: Date): Promise<readonly HeldIdempotencyRecord[]> {
    return [...this.records]
      .map(([id, record]) => ({ pair: JSON.parse(id) as [string, string], record }))
      .filter(({ pair, record }) => pair[0] === scope && record.expiresAt.getTime() > now.getTime())
      .sort((a, b) => (a.pair[1] < b.pair[1] ? -1 : a.pair[1] > b.pair[1] ? 1 : 0))
      .map(({ pair, record }) => ({
        key: pair[1],
        status: record.status,
        ...(record.status === 'completed' && { outcome: record.outcome }),
        expiresAt: new Date(record.expiresAt),
      }));
  }

  private holdsMarker(id: string, fingerprint: string): boolean {
    const found = this.records.get(id);
    return found?.status === 'in-flight' && found.fingerprint === fingerprint;
  }
}

// JSON of the pair: no separator a scope or key could contain can make two pairs collide.
const idOf = (key: IdempotencyKey): string => JSON.stringify([key.scope, key.key]);
