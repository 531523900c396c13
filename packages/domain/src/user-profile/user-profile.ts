import { isoTime } from '../shared/iso-time';
import { err, ok, type Result } from '../shared/result';
import { collectViolation as collect } from './collect-violation';
import { ProfileValidationError, type EmptyChangeSetError, type FieldRuleViolation } from './errors';
import { ProfileChange, type ProfileChanges } from './profile-change';
import { newIncarnation, type ProfileRevision } from './revision';
import { Email } from './value-objects/email';
import { PersonName } from './value-objects/person-name';
import { PhoneNumber } from './value-objects/phone-number';
import { UserId } from './value-objects/user-id';

/** The profile as plain data: what stores persist and what the API serialises. */
export interface UserProfilePrimitives {
  readonly userId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phoneNumber: string | null;
  /** ISO 8601, UTC, millisecond precision. */
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  /** One life of this id: new on every create, kept by every change (see ProfileRevision). */
  readonly incarnation: string;
}

/** What a client supplies to create a profile, before any rule is applied. */
export interface NewUserProfileInput {
  readonly userId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phoneNumber?: string | null;
}

export type { ProfileChanges } from './profile-change';

interface UserProfileState {
  readonly userId: UserId;
  readonly email: Email;
  readonly firstName: PersonName;
  readonly lastName: PersonName;
  readonly phoneNumber: PhoneNumber | null;
  /** Kept as the primitives have them (ISO 8601, UTC, ms): formatted once, when set, not on every read. */
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly incarnation: string;
}

/**
 * The aggregate. Immutable: every change returns a new profile one version higher, so a
 * use case can compare what it read with what it writes.
 */
export class UserProfile {
  static readonly INITIAL_VERSION = 1;

  private constructor(private readonly state: UserProfileState) {}

  /** A new profile at version 1, created and updated `now`. Every broken rule is reported. */
  static create(input: NewUserProfileInput, now: Date): Result<UserProfile, ProfileValidationError> {
    const violations: FieldRuleViolation[] = [];
    const userId = collect(UserId.create(input.userId), violations);
    const email = collect(Email.create(input.email), violations);
    const firstName = collect(PersonName.create(input.firstName, 'firstName'), violations);
    const lastName = collect(PersonName.create(input.lastName, 'lastName'), violations);
    const phoneNumber = input.phoneNumber == null ? null : collect(PhoneNumber.create(input.phoneNumber), violations);
    if (!userId || !email || !firstName || !lastName || phoneNumber === undefined) {
      return err(new ProfileValidationError(violations));
    }
    const at = isoTime(now.getTime());
    return ok(
      new UserProfile({
        userId,
        email,
        firstName,
        lastName,
        phoneNumber,
        createdAt: at,
        updatedAt: at,
        version: UserProfile.INITIAL_VERSION,
        incarnation: newIncarnation(),
      }),
    );
  }

  /** Rebuilds a profile a store saved; stores only ever hold profiles this class made. */
  static fromPrimitives(p: UserProfilePrimitives): UserProfile {
    return new UserProfile({
      userId: UserId.fromTrusted(p.userId),
      email: Email.fromTrusted(p.email),
      firstName: PersonName.fromTrusted(p.firstName),
      lastName: PersonName.fromTrusted(p.lastName),
      phoneNumber: p.phoneNumber === null ? null : PhoneNumber.fromTrusted(p.phoneNumber),
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      version: p.version,
      incarnation: p.incarnation,
    });
  }

  /**
   * This profile re-keyed to the account `sub` that claimed it at sign-up: the same fields and
   * `createdAt`, one version higher and updated `now` (its history goes on), in a new incarnation
   * (a life of the new id). Fails only when `sub` is no possible profile id.
   */
  claimedBy(sub: string, now: Date): Result<UserProfile, ProfileValidationError> {
    const userId = UserId.create(sub);
    if (!userId.ok) return err(new ProfileValidationError([userId.error]));
    return ok(
      new UserProfile({
        ...this.state,
        userId: userId.value,
        updatedAt: isoTime(now.getTime()),
        version: this.state.version + ProfileChange.VERSION_INCREMENT,
        incarnation: newIncarnation(),
      }),
    );
  }

  /** The profile after `changes`, one version higher and updated `now`. */
  applyChanges(changes: ProfileChanges, now: Date): Result<UserProfile, ProfileValidationError | EmptyChangeSetError> {
    const change = ProfileChange.create(this.userId, changes, now);
    return change.ok ? ok(this.apply(change.value)) : change;
  }

  /** The profile after `change`: its fields set, updated at its time, one version higher. */
  apply(change: ProfileChange): UserProfile {
    if (change.userId !== this.userId) throw new Error('a change applies only to the profile it was made for');
    return new UserProfile({
      ...this.state,
      ...change.fields,
      updatedAt: isoTime(change.updatedAt.getTime()),
      version: this.state.version + ProfileChange.VERSION_INCREMENT,
    });
  }

  get userId(): string {
    return this.state.userId.value;
  }

  get email(): string {
    return this.state.email.value;
  }

  get version(): number {
    return this.state.version;
  }

  /** The version and incarnation together: what conditional changes compare. */
  get revision(): ProfileRevision {
    return { version: this.state.version, incarnation: this.state.incarnation };
  }

  /** Whether `actorUserId` is the owner of this profile. */
  isOwnedBy(actorUserId: string): boolean {
    return this.state.userId.value === actorUserId;
  }

  toPrimitives(): UserProfilePrimitives {
    const s = this.state;
    return {
      userId: s.userId.value,
      email: s.email.value,
      firstName: s.firstName.value,
      lastName: s.lastName.value,
      phoneNumber: s.phoneNumber?.value ?? null,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      version: s.version,
      incarnation: s.incarnation,
    };
  }
}
