import type { IdempotencyKey } from '@userprofile/domain';

/** The contract's clock: times are given to the store, never read from the machine. */
export const T0 = new Date('2026-11-24T10:00:00.000Z');
export const seconds = (n: number): Date => new Date(T0.getTime() + n * 1000);

let sequence = 0;
/** A fresh number, so that names made from it are unique across a run. */
export const nextNumber = (): number => ++sequence;
/** A key no other test uses, in `scope`. */
export const aKey = (scope = 'user-a'): IdempotencyKey => ({ scope, key: `key-${nextNumber()}-${Date.now()}` });
