import type { ProfileRevision } from './revision';
import { DomainError, fixedDomainError } from '../shared/domain-error';

/** The profile fields a client may set; every field-level error names one of them. */
export type ProfileField = 'userId' | 'email' | 'firstName' | 'lastName' | 'phoneNumber';

/** A broken rule about one field's value. One subclass per rule, each with its own code. */
export abstract class FieldRuleViolation extends DomainError {
  constructor(
    readonly field: ProfileField,
    message: string,
  ) {
    super(message);
  }
}

/** The base of a rule that several fields share: the value object names the field that broke it. */
function sharedFieldRule<const Code extends string>(
  code: Code,
  message: string,
): new <Field extends ProfileField>(field: Field) => FieldRuleViolation & { readonly code: Code } {
  return class extends FieldRuleViolation {
    readonly code = code;
    constructor(field: ProfileField) {
      super(field, message);
    }
  };
}

/** The base of a rule that only one field has: it names that field itself. */
function fieldRule<const Code extends string>(
  code: Code,
  field: ProfileField,
  message: string,
): new () => FieldRuleViolation & { readonly code: Code } {
  return class extends sharedFieldRule(code, message)<ProfileField> {
    constructor() {
      super(field);
    }
  };
}

export class UserIdFormatError extends fieldRule(
  'user_id_format',
  'userId',
  'must be 1 to 128 letters, digits, _, : or - and start with a letter or digit',
) {}

/** A new id that is, or looks like, an email address or a phone number: ids travel in URLs, cursors and events. */
export class UserIdPersonalDataError extends fieldRule(
  'user_id_personal_data',
  'userId',
  "must not be an email address or a phone number: a new profile's id is its owner's Cognito sub, or letters, digits, _, : and -",
) {}

export class UserIdReservedError extends fieldRule(
  'user_id_reserved',
  'userId',
  '"me" and "search" are reserved: they are paths of their own (/users/me, /users/search)',
) {}

export class EmailFormatError extends fieldRule('email_format', 'email', 'must be a valid email address') {}

export class EmailTooLongError extends fieldRule('email_too_long', 'email', 'must be at most 254 characters') {}

export class NameLengthError extends sharedFieldRule('name_length', 'must be 1 to 100 characters after trimming')<
  'firstName' | 'lastName'
> {}

export class NameControlCharacterError extends sharedFieldRule(
  'name_control_character',
  'must not contain control characters or line breaks',
)<'firstName' | 'lastName'> {}

/** Invisible formatting characters or broken UTF-16: checked on every text field, before any other rule. */
export class TextNotPlainError extends sharedFieldRule(
  'text_not_plain',
  'must not contain invisible formatting characters (such as U+200B or U+202E) or unpaired surrogates',
)<ProfileField> {}

export class PhoneNumberFormatError extends fieldRule(
  'phone_number_format',
  'phoneNumber',
  'must be in E.164 form: "+" then 8 to 15 digits, the first not 0',
) {}

/** The input broke one or more field rules; every violation is listed, not just the first. */
export class ProfileValidationError extends DomainError {
  readonly code = 'invalid_profile';
  constructor(readonly violations: readonly FieldRuleViolation[]) {
    super(`invalid profile: ${violations.map((v) => v.field).join(', ')}`);
  }
}

/** An update that would change nothing: it names no mutable field. */
export class EmptyChangeSetError extends fixedDomainError('empty_change_set', 'the update names no field to change') {}

/** The base of an outcome about one stored profile: it keeps that profile's user id. */
function profileOutcome<const Code extends string>(
  code: Code,
  message: string,
): new (userId: string) => DomainError & { readonly code: Code; readonly userId: string } {
  return class extends DomainError {
    readonly code = code;
    constructor(readonly userId: string) {
      super(message);
    }
  };
}

export class ProfileNotFoundError extends profileOutcome('profile_not_found', 'profile not found') {}

export class ProfileAlreadyExistsError extends profileOutcome(
  'profile_already_exists',
  'a profile with this user id already exists',
) {}

/** The caller's expected version is not the stored one: someone changed it in between. */
export class StaleVersionError extends DomainError {
  readonly code = 'stale_version';
  constructor(
    readonly userId: string,
    readonly expected: ProfileRevision,
  ) {
    super(`the profile is no longer at version ${expected.version} of incarnation ${expected.incarnation}`);
  }
}

/** A page cursor that this store did not issue, or that was altered. */
export class InvalidCursorError extends fixedDomainError(
  'invalid_cursor',
  'the cursor is not one this service issued',
) {}
