import { pseudonymOf, type AuditRecord } from '@userprofile/domain';
import { fixedPseudonymKeys, InMemoryAuditTrail, TEST_PSEUDONYM_KEY } from '@userprofile/testing';

import { ANY_PROFILE, NO_PROFILE } from '../../../src/audit/audit-policy';
import { ephemeralPseudonymKeys, pseudonymisedTrail } from '../../../src/audit/pseudonymised-trail';

const recordFor = (target: string): AuditRecord => ({
  time: '2026-12-07T10:00:00.000Z',
  requestId: 'req-1',
  actor: 'admin-1',
  actorIsAdmin: true,
  action: 'GET /users/{userId}',
  target,
});

describe('pseudonymisedTrail', () => {
  it("stores a target id only as its keyed pseudonym, whoever made the record, and keeps the record's other fields", async () => {
    // Prepare
    const stored = new InMemoryAuditTrail();
    const trail = pseudonymisedTrail(stored, fixedPseudonymKeys());

    // Act
    await trail.record(recordFor('eve.smith@example.org'));

    // Assess
    expect(stored.records).toEqual([
      { ...recordFor('eve.smith@example.org'), target: pseudonymOf('eve.smith@example.org', TEST_PSEUDONYM_KEY) },
    ]);
  });

  it('keeps the markers of no single profile, and never pseudonymises a pseudonym again', async () => {
    // Prepare
    const stored = new InMemoryAuditTrail();
    const trail = pseudonymisedTrail(stored, fixedPseudonymKeys());
    const already = pseudonymOf('bob', TEST_PSEUDONYM_KEY);

    // Act
    for (const target of [ANY_PROFILE, NO_PROFILE, already]) await trail.record(recordFor(target));

    // Assess
    expect(stored.records.map((record) => record.target)).toEqual(['*', '-', already]);
  });

  it('stores nothing when the key cannot be read: the write fails, so the action is refused', async () => {
    // Prepare
    const stored = new InMemoryAuditTrail();
    const trail = pseudonymisedTrail(stored, { current: () => Promise.reject(new Error('secret unreachable')) });

    // Act
    const writing = trail.record(recordFor('bob'));

    // Assess
    await expect(writing).rejects.toThrow('secret unreachable');
    expect(stored.records).toEqual([]);
  });

  it('gives each runtime given no key a random key of its own', async () => {
    // Act
    const [a, b] = await Promise.all([ephemeralPseudonymKeys().current(), ephemeralPseudonymKeys().current()]);

    // Assess
    expect(a.id).toBe('ephemeral');
    expect(pseudonymOf('bob', a)).not.toBe(pseudonymOf('bob', b));
  });
});
