import type {
  ClaimResult,
  Completion,
  HeldIdempotencyRecord,
  IdempotencyKey,
  IdempotencyStore,
} from '@userprofile/domain';

type StoredRecord =
  | { readonly status: 'in-flight'; readonly fingerprint: string; readonly expiresAt: Date; readonly claimedAt: Date }
  | {
      readonly status: 'completed';
      readonly fingerprint: string;
      readonly expiresAt: Date;
      readonly outcome: string;
      readonly subject?: string;
    };

/**
 * Idempotency records in a Map, with the semantics the DynamoDB store has: a claim succeeds
 * only on a free or expired key, and completion and release act only for the claim's own
 * fingerprint while its marker stands. `failNext` makes the next forget throw, for erasure's
 * fault tests.
 */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, StoredRecord>();
  private pendingFault: Error | undefined;

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

  async complete(key: IdempotencyKey, fingerprint: string, { outcome, expiresAt, subject }: Completion): Promise<void> {
    const id = idOf(key);
    if (!this.holdsMarker(id, fingerprint)) return;
    this.records.set(id, {
      status: 'completed',
      fingerprint,
      outcome,
      expiresAt: new Date(expiresAt),
      ...(subject !== undefined && { subject }),
    });
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

  /** The next `forgetScope` or `forgetSubject` throws `fault` instead of forgetting. */
  failNext(fault: Error): void {
    this.pendingFault = fault;
  }

  async forgetScope(scope: string): Promise<void> {
    this.throwPendingFault();
    for (const id of this.records.keys()) if (scopeOf(id) === scope) this.records.delete(id);
  }

  async forgetSubject(subject: string): Promise<void> {
    this.throwPendingFault();
    for (const [id, found] of this.records) {
      if (found.status === 'completed' && found.subject === subject) this.records.delete(id);
    }
  }

  /** Every stored outcome, as text: what a test searches for personal data. */
  storedOutcomes(): string[] {
    return [...this.records.values()].flatMap((found) => (found.status === 'completed' ? [found.outcome] : []));
  }

  private throwPendingFault(): void {
    const fault = this.pendingFault;
    this.pendingFault = undefined;
    if (fault) throw fault;
  }

  private holdsMarker(id: string, fingerprint: string): boolean {
    const found = this.records.get(id);
    return found?.status === 'in-flight' && found.fingerprint === fingerprint;
  }
}

// JSON of the pair: no separator a scope or key could contain can make two pairs collide.
const idOf = (key: IdempotencyKey): string => JSON.stringify([key.scope, key.key]);
const scopeOf = (id: string): string => (JSON.parse(id) as [string, string])[0];
