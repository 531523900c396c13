import { recordsToRetry } from '../../src/records-to-retry';

const at = (sequenceNumber: string, userId: string | undefined) => ({ sequenceNumber, userId });

describe('recordsToRetry', () => {
  const batch = [at('1', 'ann'), at('2', 'bob'), at('3', 'ann'), at('4', 'cat'), at('5', 'bob'), at('6', 'ann')];

  it('retries nothing when nothing failed', () => {
    expect(recordsToRetry(batch, new Set())).toEqual([]);
  });

  it('retries a failed record and every later record of the same user, and no other user', () => {
    expect(recordsToRetry(batch, new Set(['3']))).toEqual(['3', '6']);
  });

  it("keeps the users apart: one user's failure does not hold back another's records", () => {
    expect(recordsToRetry(batch, new Set(['2', '4']))).toEqual(['2', '4', '5']);
  });

  it('holds back every later record when the failed record names no user', () => {
    const withUnnamed = [at('1', 'ann'), at('2', undefined), at('3', 'bob'), at('4', 'ann')];

    expect(recordsToRetry(withUnnamed, new Set(['2']))).toEqual(['2', '3', '4']);
  });
});
