import { randomBytes } from 'node:crypto';

import {
  isPseudonym,
  pseudonymOf,
  type AuditRecord,
  type AuditTrail,
  type PseudonymKeySource,
} from '@userprofile/domain';

import { ANY_PROFILE, NO_PROFILE } from './audit-policy';

/** Whether a record's target is a marker (`*`, `-`) or already a pseudonym, and so stored as it is. */
const keptAsIs = (target: string): boolean => target === ANY_PROFILE || target === NO_PROFILE || isPseudonym(target);

/**
 * The trail every runtime writes through: each record's target is replaced by its keyed
 * pseudonym (`pseudonymOf`) before `trail` stores it, whoever made the record (the pipeline's
 * policy, a refusal). The key is awaited only here, by a request that writes a record; a key
 * that cannot be read fails the write, so the action is refused (503) as for any unwritable record.
 */
export function pseudonymisedTrail(trail: AuditTrail, keys: PseudonymKeySource): AuditTrail {
  return {
    async record(entry: AuditRecord): Promise<void> {
      if (keptAsIs(entry.target)) return trail.record(entry);
      return trail.record({ ...entry, target: pseudonymOf(entry.target, await keys.current()) });
    },
  };
}

/**
 * The targets under which the trail names `userId`: its pseudonym under the current key, exactly
 * as `pseudonymisedTrail` stores it, so that a search of the trail (an export) finds the user's
 * records. Records pseudonymised under an earlier version of the key (before a rotation) carry
 * another pseudonym, and are not among them.
 */
export async function trailTargetsNaming(userId: string, keys: PseudonymKeySource): Promise<readonly string[]> {
  return [pseudonymOf(userId, await keys.current())];
}

/**
 * A key made for this process alone (id `ephemeral`), for runtimes given none (tests, benchmarks):
 * its pseudonyms match one another while the process runs, and nobody can recompute them later.
 */
export function ephemeralPseudonymKeys(): PseudonymKeySource {
  const key = { id: 'ephemeral', secret: randomBytes(32).toString('base64url') };
  return { current: () => Promise.resolve(key) };
}
