import type { AccountDirectory } from '../../ports/account-directory';
import type { Clock } from '../../ports/clock';
import type { UserProfileRepository } from '../../ports/user-profile-repository';
import type { ProfileField } from '../../user-profile/errors';
import { UserProfile } from '../../user-profile/user-profile';
import { Email } from '../../user-profile/value-objects/email';

/**
 * A confirmed sign-up as the identity provider tells it: the account's `sub` and the attributes
 * it holds. Only verified contact attributes are given: the caller leaves out an email or phone
 * number the provider has not verified.
 */
export interface ConfirmedSignUp {
  readonly sub: string;
  readonly email?: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly phoneNumber?: string;
}

/** What a sign-up did to the profiles; ids and field names only, never values. */
export type SignUpOutcome =
  /** A profile was created at the `sub` from the attributes. */
  | { readonly kind: 'created' }
  /** The one legacy profile with the verified email was re-keyed to the `sub`. */
  | { readonly kind: 'claimed'; readonly claimedFrom: string }
  /** A profile is at the `sub` already (a retried or repeated confirmation): nothing done. */
  | { readonly kind: 'already-exists' }
  /** The attributes do not make a valid profile (these fields): nothing done; the app's first POST creates it. */
  | { readonly kind: 'incomplete'; readonly fields: readonly ProfileField[] }
  /** Several legacy profiles hold the email: which is the user's is a person's call, so nothing is done. */
  | { readonly kind: 'ambiguous' }
  /** The legacy profile kept changing under every try of the claim: nothing done; `pnpm migrate` can finish it. */
  | { readonly kind: 'claim-conflict' };

export interface ProfileFromSignUpOptions {
  /**
   * Whether a legacy profile (keyed by no account's `sub`) with the verified email is claimed.
   * Off where the original stack never verified emails: whoever signs up with an address
   * would otherwise take over the old profile that merely names it.
   */
  readonly claimLegacyProfiles: boolean;
}

/** Legacy profiles read for one email: more than this sharing one address is treated as ambiguous. */
const MAX_CANDIDATES = 10;

/** Tries of one sign-up when the legacy profile changes between the read and the claim. */
const MAX_ATTEMPTS = 3;

/**
 * Gives a newly confirmed account its profile: claims the one legacy profile that holds its
 * verified email (when claiming is on), else creates one from the attributes where they satisfy
 * the profile's rules. Every write is conditional on the `sub` being free, so a retried or doubled
 * confirmation leaves one profile. Expected outcomes are returned; store faults are thrown.
 */
export class ProfileFromSignUp {
  constructor(
    private readonly profiles: UserProfileRepository,
    private readonly accounts: AccountDirectory,
    private readonly clock: Clock,
    private readonly options: ProfileFromSignUpOptions,
  ) {}

  async execute(signUp: ConfirmedSignUp): Promise<SignUpOutcome> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (await this.profiles.get(signUp.sub)) return { kind: 'already-exists' };
      const claim = await this.tryClaim(signUp);
      if (claim !== 'no-candidate') {
        if (claim === 'changed') continue;
        return claim;
      }
      return this.create(signUp);
    }
    return { kind: 'claim-conflict' };
  }

  private async tryClaim(signUp: ConfirmedSignUp): Promise<SignUpOutcome | 'no-candidate' | 'changed'> {
    if (!this.options.claimLegacyProfiles || signUp.email === undefined) return 'no-candidate';
    const email = Email.create(signUp.email);
    if (!email.ok) return 'no-candidate';
    const candidates = await this.legacyProfilesWith(email.value.value, signUp.sub);
    if (candidates === 'too-many' || candidates.length > 1) return { kind: 'ambiguous' };
    const [legacy] = candidates;
    if (legacy === undefined) return 'no-candidate';

    const claimed = legacy.claimedBy(signUp.sub, this.clock.now());
    if (!claimed.ok) return { kind: 'incomplete', fields: claimed.error.violations.map((v) => v.field) };
    const stored = await this.profiles.claim(legacy, claimed.value);
    if (stored.ok) return { kind: 'claimed', claimedFrom: legacy.userId };
    return stored.error.code === 'profile_already_exists' ? { kind: 'already-exists' } : 'changed';
  }

  /** The profiles with this email whose key is no account's `sub`: left by the original stack. */
  private async legacyProfilesWith(email: string, sub: string): Promise<UserProfile[] | 'too-many'> {
    const page = await this.profiles.findByEmail(email, { limit: MAX_CANDIDATES });
    // No cursor was given, so the page cannot be refused for one.
    if (!page.ok || page.value.nextCursor !== null) return 'too-many';
    const others = page.value.items.filter((profile) => profile.userId !== sub);
    const owned = await Promise.all(others.map((profile) => this.accounts.hasAccount(profile.userId)));
    return others.filter((_, index) => !owned[index]);
  }

  private async create(signUp: ConfirmedSignUp): Promise<SignUpOutcome> {
    const created = UserProfile.create(
      {
        userId: signUp.sub,
        email: signUp.email ?? '',
        firstName: signUp.givenName ?? '',
        lastName: signUp.familyName ?? '',
        phoneNumber: signUp.phoneNumber ?? null,
      },
      this.clock.now(),
    );
    if (!created.ok) return { kind: 'incomplete', fields: created.error.violations.map((v) => v.field) };
    const stored = await this.profiles.create(created.value);
    return stored.ok ? { kind: 'created' } : { kind: 'already-exists' };
  }
}
