import type { ProfileRevision } from './revision';
import { DomainError } from '../shared/domain-error';

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

export class UserIdFormatError extends FieldRuleViolation {
  readonly code = 'user_id_format';
  constructor(field: ProfileField = 'userId') {
    super(field, 'must be 1 to 128 letters, digits or ._:@+=- and start with a letter or digit');
  }
}

export class UserIdReservedError extends FieldRuleViolation {
  readonly code = 'user_id_reserved';
  constructor(field: ProfileField = 'userId') {
    super(field, '"me" and "search" are reserved: they are paths of their own (/users/me, /users/search)');
  }
}

export class EmailFormatError extends FieldRuleViolation {
  readonly code = 'email_format';
  constructor() {
    super('email', 'must be a valid email address');
  }
}

export class EmailTooLongError extends FieldRuleViolation {
  readonly code = 'email_too_long';
  constructor() {
    super('email', 'must be at most 254 characters');
  }
}

export class NameLengthError extends FieldRuleViolation {
  readonly code = 'name_length';
  constructor(field: 'firstName' | 'lastName') {
    super(field, 'must be 1 to 100 characters after trimming');
  }
}

export class NameControlCharacterError extends FieldRuleViolation {
  readonly code = 'name_control_character';
  constructor(field: 'firstName' | 'lastName') {
    super(field, 'must not contain control characters or line breaks');
  }
}

/** Invisible formatting characters or broken UTF-16: checked on every text field, before any other rule. */
export class TextNotPlainError extends FieldRuleViolation {
  readonly code = 'text_not_plain';
  constructor(field: ProfileField) {
    super(field, 'must not contain invisible formatting characters (such as U+200B or U+202E) or unpaired surrogates');
  }
}

export class PhoneNumberFormatError extends FieldRuleViolation {
  readonly code = 'phone_number_format';
  constructor() {
    super('phoneNumber', 'must be in E.164 form: "+" then 8 to 15 digits, the first not 0');
  }
}

/** The input broke one or more field rules; every violation is listed, not just the first. */
export class ProfileValidationError extends DomainError {
  readonly code = 'invalid_profile';
  constructor(readonly violations: readonly FieldRuleViolation[]) {
    super(`invalid profile: ${violations.map((v) => v.field).join(', ')}`);
  }
}

/** An update that would change nothing: it names no mutable field. */
export class EmptyChangeSetError extends DomainError {
  readonly code = 'empty_change_set';
  constructor() {
    super('the update names no field to change');
  }
}

export class ProfileNotFoundError extends DomainError {
  readonly code = 'profile_not_found';
  constructor(readonly userId: string) {
    super('profile not found');
  }
}

export class ProfileAlreadyExistsError extends DomainError {
  readonly code = 'profile_already_exists';
  constructor(readonly userId: string) {
    super('a profile with this user id already exists');
  }
}

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
export class InvalidCursorError extends DomainError {
  readonly code = 'invalid_cursor';
  constructor() {
    super('the cursor is not one this service issued');
  }
}
