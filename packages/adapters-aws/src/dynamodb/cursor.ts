import { createHmac, timingSafeEqual } from 'node:crypto';

import { USER_PROFILE_TABLE } from './user-profile-table';

/** The table key a page resumes after: `{ userId }` (a lookup adds the email it already knows). */
export type ProfileTableKey = { readonly [USER_PROFILE_TABLE.partitionKey.name]: string };

// A label inside the MAC, so a signature made for anything else with the same key never
// passes as a cursor (and a future cursor format can change the label). A scoped cursor (one
// email's lookup) signs its scope too, so it continues only that walk; the scope itself is
// never in the cursor, so a lookup's cursor does not carry the email it was for.
const MAC_CONTEXT = 'userprofile/list-cursor/v1\n';
const SCOPED_MAC_CONTEXT = 'userprofile/scoped-cursor/v1\n';
const SEPARATOR = '.';

/**
 * The keys cursors are signed with: new cursors with `current`; during a rotation, cursors
 * signed with `previous` (handed out before it) are still accepted until it is dropped.
 */
export interface CursorKeys {
  readonly current: string;
  readonly previous?: string;
}

/** Where the cursor keys come from (a secret store in AWS, a key file locally); asked only when a cursor is signed or checked. */
export interface CursorKeySource {
  get(): Promise<CursorKeys>;
}

/** Fixed keys: the local server's key file, tests. */
export const fixedCursorKeys = (keys: CursorKeys): CursorKeySource => {
  const ready = Promise.resolve(keys);
  return { get: () => ready };
};

/**
 * Turns a page's `LastEvaluatedKey` (a Scan's, or an email Query's) into an opaque, tamper-evident
 * page cursor and back.
 *
 * A cursor is `base64url(JSON key) + "." + base64url(HMAC-SHA256(key))`. Signing matters
 * because the key becomes the next Scan's `ExclusiveStartKey`: unsigned, a client could
 * craft keys, probe the table or make us send the engine malformed requests. Decoding is
 * strict (canonical base64url only, exactly the table's key), so any altered character is
 * refused rather than silently ignored by a lenient decoder.
 */
export class CursorCodec {
  private readonly signingKey: Buffer;
  /** The current key, then the previous one during a rotation. */
  private readonly verifyingKeys: readonly Buffer[];

  /**
   * @param keys secrets, the same for every instance that must accept the cursors: a string is
   * one current key.
   */
  constructor(keys: string | CursorKeys) {
    const { current, previous } = typeof keys === 'string' ? { current: keys } : keys;
    if (current.length === 0) throw new Error('the cursor signing key must not be empty');
    this.signingKey = Buffer.from(current, 'utf8');
    this.verifyingKeys = [this.signingKey, ...(previous ? [Buffer.from(previous, 'utf8')] : [])];
  }

  /** @param scope what the walk is over when it is not the whole table (e.g. one email's lookup). */
  encode(key: ProfileTableKey, scope?: string): string {
    const payload = Buffer.from(JSON.stringify({ [USER_PROFILE_TABLE.partitionKey.name]: key.userId }), 'utf8');
    const mac = this.sign(this.signingKey, payload, scope);
    return `${payload.toString('base64url')}${SEPARATOR}${mac.toString('base64url')}`;
  }

  /** The key the cursor carries, or undefined when this service did not issue it unchanged for `scope`. */
  decode(cursor: string, scope?: string): ProfileTableKey | undefined {
    const parts = cursor.split(SEPARATOR);
    if (parts.length !== 2) return undefined;
    const [encodedPayload, encodedMac] = parts as [string, string];
    const payload = strictBase64Url(encodedPayload);
    const mac = strictBase64Url(encodedMac);
    if (!payload || !mac) return undefined;
    const signedByOurs = this.verifyingKeys.some((key) => {
      const expected = this.sign(key, payload, scope);
      return mac.length === expected.length && timingSafeEqual(mac, expected);
    });
    return signedByOurs ? parseKey(payload) : undefined;
  }

  private sign(key: Buffer, payload: Buffer, scope: string | undefined): Buffer {
    const mac = createHmac('sha256', key);
    // The scope's length first, so no scope/payload split can sign the same bytes as another.
    if (scope === undefined) mac.update(MAC_CONTEXT);
    else mac.update(SCOPED_MAC_CONTEXT).update(`${Buffer.byteLength(scope, 'utf8')}\n${scope}`);
    return mac.update(payload).digest();
  }
}

/** Node's decoder skips invalid characters and ignores trailing bits: accept only what it would write. */
function strictBase64Url(text: string): Buffer | undefined {
  if (text.length === 0) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function parseKey(payload: Buffer): ProfileTableKey | undefined {
  try {
    const parsed: unknown = JSON.parse(payload.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const entries = Object.entries(parsed);
    const [name, value] = entries[0] ?? [];
    if (entries.length !== 1 || name !== USER_PROFILE_TABLE.partitionKey.name) return undefined;
    return typeof value === 'string' && value.length > 0 ? { userId: value } : undefined;
  } catch {
    return undefined;
  }
}
