import { err, ok, type Result } from '../../shared/result';
import { PhoneNumberFormatError, TextNotPlainError, type FieldRuleViolation } from '../errors';
import { PHONE_NUMBER_PATTERN } from './patterns';
import { isPlainText } from './plain-text';

const E164 = new RegExp(PHONE_NUMBER_PATTERN);

/** A phone number in E.164 form, e.g. +447700900123. */
export class PhoneNumber {
  private constructor(readonly value: string) {}

  static create(raw: string): Result<PhoneNumber, FieldRuleViolation> {
    if (!isPlainText(raw)) return err(new TextNotPlainError('phoneNumber'));
    return E164.test(raw) ? ok(new PhoneNumber(raw)) : err(new PhoneNumberFormatError());
  }

  /** Whether `create` would accept `raw`, without building the number or its error. */
  static isValid(raw: string): boolean {
    return isPlainText(raw) && E164.test(raw);
  }

  static fromTrusted(raw: string): PhoneNumber {
    return new PhoneNumber(raw);
  }
}
