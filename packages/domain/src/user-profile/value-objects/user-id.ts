import { err, ok, type Result } from '../../shared/result';
import { TextNotPlainError, UserIdFormatError, UserIdReservedError, type FieldRuleViolation } from '../errors';
import { USER_ID_PATTERN } from './patterns';
import { isPlainText } from './plain-text';

const USER_ID = new RegExp(USER_ID_PATTERN);
/** Paths use `/users/me` for the caller and `/users/search` for lookups: no profile may be called either. */
const RESERVED: ReadonlySet<string> = new Set(['me', 'search']);

/** The identity provider's subject (Cognito `sub`) that owns a profile. */
export class UserId {
  private constructor(readonly value: string) {}

  static create(raw: string): Result<UserId, FieldRuleViolation> {
    if (!isPlainText(raw)) return err(new TextNotPlainError('userId'));
    if (RESERVED.has(raw)) return err(new UserIdReservedError());
    if (!USER_ID.test(raw)) return err(new UserIdFormatError());
    return ok(new UserId(raw));
  }

  /** Whether a profile could have this id at all: one that could not is simply not there. */
  static isPossible(raw: string): boolean {
    // The checks of `create`, without building the id or, for an impossible one, its error.
    return isPlainText(raw) && !RESERVED.has(raw) && USER_ID.test(raw);
  }

  /** For values read back from our own store, which only ever held valid ids. */
  static fromTrusted(raw: string): UserId {
    return new UserId(raw);
  }

  equals(other: UserId): boolean {
    return this.value === other.value;
  }
}
