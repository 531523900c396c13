import { err, ok, type Result } from '../../shared/result';
import {
  TextNotPlainError,
  UserIdFormatError,
  UserIdPersonalDataError,
  UserIdReservedError,
  type FieldRuleViolation,
} from '../errors';
import { NEW_USER_ID_PATTERN, USER_ID_PATTERN } from './patterns';
import { isPlainText } from './plain-text';

const STORED_USER_ID = new RegExp(USER_ID_PATTERN);
const NEW_USER_ID = new RegExp(NEW_USER_ID_PATTERN);
/** A Cognito `sub`: a UUID, which may by chance be all digits and dashes and is still no phone number. */
const SUB = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The fewest digits of a phone number (a short national number without its country code). */
const PHONE_DIGITS = 7;
/** Paths use `/users/me` for the caller and `/users/search` for lookups: no profile may be called either. */
const RESERVED: ReadonlySet<string> = new Set(['me', 'search']);

/**
 * Whether a new id would be personal data: an address (`@`), or digits and separators only, as
 * many digits as a phone number has (`0151-2345678`), unless it is a sub.
 */
const looksPersonal = (raw: string): boolean =>
  raw.includes('@') || (!/[A-Za-z]/.test(raw) && (raw.match(/[0-9]/g)?.length ?? 0) >= PHONE_DIGITS && !SUB.test(raw));

/**
 * The identity provider's subject (Cognito `sub`) that owns a profile. Two rules: a *new* id
 * (`create`) is never personal data; a *stored* id (`isPossible`, `fromTrusted`) may still be a
 * legacy one of the original stack, an email address included, until the migration re-keys it.
 */
export class UserId {
  private constructor(readonly value: string) {}

  /** The id of a new profile: a sub, or letters, digits, `_`, `:` and `-`; never an address or a phone number. */
  static create(raw: string): Result<UserId, FieldRuleViolation> {
    if (!isPlainText(raw)) return err(new TextNotPlainError('userId'));
    if (RESERVED.has(raw)) return err(new UserIdReservedError());
    if (looksPersonal(raw)) return err(new UserIdPersonalDataError());
    if (!NEW_USER_ID.test(raw)) return err(new UserIdFormatError());
    return ok(new UserId(raw));
  }

  /**
   * Whether a stored profile could have this id at all (a legacy one included): one that could
   * not is simply not there. Reads, changes and deletes look ids up by this rule, so profiles
   * the original stack keyed by email stay reachable until they are migrated.
   */
  static isPossible(raw: string): boolean {
    return isPlainText(raw) && !RESERVED.has(raw) && STORED_USER_ID.test(raw);
  }

  /** Whether `raw` is an id a new profile may have: what `create` accepts. */
  static isNew(raw: string): boolean {
    return UserId.create(raw).ok;
  }

  /** For values read back from our own store, which only ever held possible ids. */
  static fromTrusted(raw: string): UserId {
    return new UserId(raw);
  }

  equals(other: UserId): boolean {
    return this.value === other.value;
  }
}
