/**
 * Which state of which profile a client saw: the version counts changes, the incarnation names
 * one life of the profile id. Versions restart at 1 when a profile is deleted and created
 * again; the incarnation does not repeat, so a revision of a deleted profile never matches its
 * successor (no ABA).
 */
export interface ProfileRevision {
  readonly version: number;
  readonly incarnation: string;
}

const INCARNATION_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const INCARNATION_LENGTH = 16;

/**
 * A new incarnation: 16 characters from [a-z0-9], about 82 bits from the platform's
 * cryptographic random source (Web Crypto, a language global, not an infrastructure import).
 */
export function newIncarnation(): string {
  let incarnation = '';
  while (incarnation.length < INCARNATION_LENGTH) {
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(INCARNATION_LENGTH))) {
      // 252 = 7 * 36: a byte at or above it would favour the first letters; it is dropped.
      if (byte < 252 && incarnation.length < INCARNATION_LENGTH) incarnation += INCARNATION_ALPHABET[byte % 36];
    }
  }
  return incarnation;
}

export const sameRevision = (a: ProfileRevision, b: ProfileRevision): boolean =>
  a.version === b.version && a.incarnation === b.incarnation;
