import { err, ok, type Result } from '../../shared/result';
import { EmailFormatError, EmailTooLongError, TextNotPlainError, type FieldRuleViolation } from '../errors';
import { isPlainText } from './plain-text';

const MAX_LENGTH = 254;
const MAX_LOCAL_PART = 64;
// The WHATWG "valid email address" grammar, plus a dot in the domain: what users can type
// into a mobile keyboard and what mail systems accept, without quoted local parts.
const EMAIL_PATTERN =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

const ASCII = /^[\x20-\x7e]*$/;

/** An email address, stored trimmed and lower-cased so that lookups are case-insensitive. */
export class Email {
  private constructor(readonly value: string) {}

  static create(raw: string): Result<Email, FieldRuleViolation> {
    if (!isPlainText(raw)) return err(new TextNotPlainError('email'));
    const trimmed = raw.trim();
    // Checked before lower-casing: a few non-ASCII letters lower-case to ASCII (KELVIN SIGN
    // U+212A becomes "k"), which would let a look-alike address pass as another one.
    if (!ASCII.test(trimmed)) return err(new EmailFormatError());
    const normalised = trimmed.toLowerCase();
    if (normalised.length > MAX_LENGTH) return err(new EmailTooLongError());
    const localPart = normalised.slice(0, normalised.indexOf('@'));
    if (!EMAIL_PATTERN.test(normalised) || localPart.length > MAX_LOCAL_PART) {
      return err(new EmailFormatError());
    }
    return ok(new Email(normalised));
  }

  static fromTrusted(raw: string): Email {
    return new Email(raw);
  }
}
