import { err, ok, type Result } from '../../shared/result';
import { PhoneNumberFormatError, TextNotPlainError, type FieldRuleViolation } from '../errors';
import { isPlainText } from './plain-text';

// E.164 as mobile phone libraries emit it. A full numbering-plan check would need a
// phone-number library in every Lambda bundle; the apps already format numbers with one.
const E164 = /^\+[1-9][0-9]{7,14}$/;

/** A phone number in E.164 form, e.g. +447700900123. */
export class PhoneNumber {
  private constructor(readonly value: string) {}

  static create(raw: string): Result<PhoneNumber, FieldRuleViolation> {
    if (!isPlainText(raw)) return err(new TextNotPlainError('phoneNumber'));
    return E164.test(raw) ? ok(new PhoneNumber(raw)) : err(new PhoneNumberFormatError());
  }

  static fromTrusted(raw: string): PhoneNumber {
    return new PhoneNumber(raw);
  }
}
