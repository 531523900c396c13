import { createHmac } from 'node:crypto';

import { portToken } from '../shared/port-token';

/**
 * A key the audit trail's pseudonyms are made with. In AWS, one version of the pseudonym secret
 * (docs/security.md, "Pseudonyms in the audit trail"); locally, a file of the data folder.
 */
export interface PseudonymKey {
  /**
   * Which key: the secret's version id (`local` for the local server's). Part of every pseudonym
   * made with it, so that after a rotation an operator still knows which version to compute with.
   */
  readonly id: string;
  /** The HMAC key. Never logged, never part of a record. */
  readonly secret: string;
}

/** Where the current pseudonym key comes from; read at cold start, awaited only by a request that writes a record. */
export interface PseudonymKeySource {
  /** The key new pseudonyms are made with; rejects when it cannot be read (the audited action is then refused, 503). */
  current(): Promise<PseudonymKey>;
}

export const PSEUDONYM_KEYS = portToken<PseudonymKeySource>('PseudonymKeys');

/** What every pseudonym starts with, so that a reader tells one from an id or a marker (`*`, `-`). */
export const PSEUDONYM_PREFIX = 'hmac-sha256:';

/**
 * The pseudonym of a user id under `key`: `hmac-sha256:{key id}:{64 hex}`. The same id and key
 * always give the same pseudonym, so records about one profile can be found (an export, an
 * investigation) by whoever holds the key; without the key a guessed id cannot be checked, as it
 * could against a plain SHA-256. Node's `createHmac` is computation, no I/O: the domain may use it.
 */
export function pseudonymOf(userId: string, key: PseudonymKey): string {
  const mac = createHmac('sha256', key.secret).update(userId, 'utf8').digest('hex');
  return `${PSEUDONYM_PREFIX}${key.id}:${mac}`;
}

/** Whether `value` is a pseudonym (`pseudonymOf`'s form), not an id. */
export const isPseudonym = (value: string): boolean => value.startsWith(PSEUDONYM_PREFIX);
