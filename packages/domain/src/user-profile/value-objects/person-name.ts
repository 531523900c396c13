import { err, ok, type Result } from '../../shared/result';
import { NameControlCharacterError, NameLengthError, TextNotPlainError, type FieldRuleViolation } from '../errors';
import { isPlainText } from './plain-text';

const MAX_CHARACTERS = 100;
// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators: none
// belongs in a name, and each can break logs, CSV exports or a UI line.
const FORBIDDEN = /[\p{Cc}\u2028\u2029]/u;
const SURROGATE = /[\uD800-\uDFFF]/;

/** A first or last name: trimmed, 1 to 100 characters (code points, not UTF-16 units). */
export class PersonName {
  private constructor(readonly value: string) {}

  static create(raw: string, field: 'firstName' | 'lastName'): Result<PersonName, FieldRuleViolation> {
    if (!isPlainText(raw)) return err(new TextNotPlainError(field));
    const trimmed = raw.trim();
    if (FORBIDDEN.test(trimmed)) return err(new NameControlCharacterError(field));
    // Code points, not UTF-16 units; without surrogates they are the same, and nothing is copied.
    const length = SURROGATE.test(trimmed) ? [...trimmed].length : trimmed.length;
    if (length < 1 || length > MAX_CHARACTERS) return err(new NameLengthError(field));
    return ok(new PersonName(trimmed));
  }

  static fromTrusted(raw: string): PersonName {
    return new PersonName(raw);
  }
}
