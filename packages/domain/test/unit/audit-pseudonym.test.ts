import { createHash, createHmac } from 'node:crypto';

import { isPseudonym, pseudonymOf, type PseudonymKey } from '../../src';

const KEY: PseudonymKey = { id: 'v1', secret: 'k'.repeat(64) };
const ROTATED: PseudonymKey = { id: 'v2', secret: 'r'.repeat(64) };
const EMAIL_ID = 'eve.smith@example.org';

describe('pseudonymOf', () => {
  it('gives the same id under the same key the same pseudonym, so records about one profile can be found', () => {
    // Act
    const first = pseudonymOf(EMAIL_ID, KEY);
    const again = pseudonymOf(EMAIL_ID, { ...KEY });

    // Assess
    expect(again).toBe(first);
    expect(first).toMatch(/^hmac-sha256:v1:[0-9a-f]{64}$/);
    expect(isPseudonym(first)).toBe(true);
  });

  it('is keyed: another key gives another pseudonym, and it names the key it was made with', () => {
    // Act
    const before = pseudonymOf(EMAIL_ID, KEY);
    const after = pseudonymOf(EMAIL_ID, ROTATED);
    const sameIdOtherSecret = pseudonymOf(EMAIL_ID, { id: 'v1', secret: 's'.repeat(64) });

    // Assess
    expect(after).not.toBe(before);
    expect(after.startsWith('hmac-sha256:v2:')).toBe(true);
    expect(sameIdOtherSecret).not.toBe(before);
  });

  it('is not a plain SHA-256 of the id, which anyone could compute from a guess', () => {
    // Act
    const pseudonym = pseudonymOf(EMAIL_ID, KEY);

    // Assess
    expect(pseudonym).not.toContain(createHash('sha256').update(EMAIL_ID, 'utf8').digest('hex'));
    expect(pseudonym).not.toContain(EMAIL_ID);
    expect(pseudonym).toBe(`hmac-sha256:v1:${createHmac('sha256', KEY.secret).update(EMAIL_ID, 'utf8').digest('hex')}`);
  });

  it('gives different ids different pseudonyms', () => {
    expect(pseudonymOf('alice', KEY)).not.toBe(pseudonymOf('bob', KEY));
  });

  it('tells a pseudonym from an id or a marker', () => {
    expect(['alice', '*', '-', EMAIL_ID].map(isPseudonym)).toEqual([false, false, false, false]);
  });
});
