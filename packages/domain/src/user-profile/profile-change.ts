import { isoTime } from '../shared/iso-time';
import { err, ok, type Result } from '../shared/result';
import { collectViolation } from './collect-violation';
import { EmptyChangeSetError, ProfileValidationError, type FieldRuleViolation } from './errors';
import { Email } from './value-objects/email';
import { PersonName } from './value-objects/person-name';
import { PhoneNumber } from './value-objects/phone-number';

/**
 * A partial update: an absent field stays as it is; `phoneNumber: null` clears the number.
 * `userId`, timestamps and `version` are not here: only the service sets them.
 */
export interface ProfileChanges {
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phoneNumber?: string | null;
}

/** The fields a change may set, as value objects; `phoneNumber: null` clears the number. */
export interface ChangedFields {
  readonly email?: Email;
  readonly firstName?: PersonName;
  readonly lastName?: PersonName;
  readonly phoneNumber?: PhoneNumber | null;
}

/** A change as plain data: what a store translates into its own update. */
export interface ProfileChangePrimitives {
  readonly userId: string;
  /** Only the fields that change, normalised; `phoneNumber: null` removes the number. */
  readonly fields: {
    readonly email?: string;
    readonly firstName?: string;
    readonly lastName?: string;
    readonly phoneNumber?: string | null;
  };
  /** ISO 8601, UTC, millisecond precision: the profile's new `updatedAt`. */
  readonly updatedAt: string;
  /** What applying the change adds to the version. */
  readonly versionIncrement: number;
}

/**
 * A validated change to one profile, decided by the domain before any store is asked: which
 * fields change and to what, the new `updatedAt`, and that the version goes up by one. A
 * store applies it to whatever revision it holds (see `UserProfileRepository.applyChange`),
 * so a write needs no read first; `UserProfile.apply` says what the result is.
 */
export class ProfileChange {
  /** Every change moves the version on by exactly this much. */
  static readonly VERSION_INCREMENT = 1;

  private constructor(
    readonly userId: string,
    readonly fields: ChangedFields,
    readonly updatedAt: Date,
  ) {}

  /** The change `changes` makes to profile `userId` at `now`; every broken rule is reported. */
  static create(
    userId: string,
    changes: ProfileChanges,
    now: Date,
  ): Result<ProfileChange, ProfileValidationError | EmptyChangeSetError> {
    if (isEmptyChangeSet(changes)) return err(new EmptyChangeSetError());
    const violations: FieldRuleViolation[] = [];
    const fields = validateFields(changes, violations);
    if (violations.length > 0 || !fields) return err(new ProfileValidationError(violations));
    return ok(new ProfileChange(userId, fields, now));
  }

  toPrimitives(): ProfileChangePrimitives {
    const { email, firstName, lastName, phoneNumber } = this.fields;
    // Assigned one by one rather than spread from conditional objects: every write runs this.
    const fields: { -readonly [K in keyof ProfileChangePrimitives['fields']]: ProfileChangePrimitives['fields'][K] } =
      {};
    if (email) fields.email = email.value;
    if (firstName) fields.firstName = firstName.value;
    if (lastName) fields.lastName = lastName.value;
    if (phoneNumber !== undefined) fields.phoneNumber = phoneNumber?.value ?? null;
    return {
      userId: this.userId,
      fields,
      updatedAt: isoTime(this.updatedAt.getTime()),
      versionIncrement: ProfileChange.VERSION_INCREMENT,
    };
  }
}

const MUTABLE_FIELDS = ['email', 'firstName', 'lastName', 'phoneNumber'] as const;

function isEmptyChangeSet(changes: ProfileChanges): boolean {
  return MUTABLE_FIELDS.every((field) => changes[field] === undefined);
}

/** Validates the mutable fields present in `input`; absent ones are left out of the result. */
function validateFields(input: ProfileChanges, violations: FieldRuleViolation[]): ChangedFields | undefined {
  const fields: { -readonly [K in keyof ChangedFields]?: ChangedFields[K] } = {};
  if (input.email !== undefined) fields.email = collectViolation(Email.create(input.email), violations);
  if (input.firstName !== undefined) {
    fields.firstName = collectViolation(PersonName.create(input.firstName, 'firstName'), violations);
  }
  if (input.lastName !== undefined) {
    fields.lastName = collectViolation(PersonName.create(input.lastName, 'lastName'), violations);
  }
  if (input.phoneNumber === null) fields.phoneNumber = null;
  else if (input.phoneNumber !== undefined) {
    fields.phoneNumber = collectViolation(PhoneNumber.create(input.phoneNumber), violations);
  }
  return violations.length > 0 ? undefined : fields;
}
