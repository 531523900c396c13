import { ProfileChange, UserProfile, type NewUserProfileInput, type ProfileChanges } from '@userprofile/domain';
import { FixedClock } from '../doubles/fixed-clock';

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger', 'Barbara', 'Émilie', 'Łukasz', '小林'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Dijkstra', 'Liskov', 'du Châtelet', 'Nowak', '誠'];

let sequence = 0;
const pick = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)]!;

/** Valid test data, unique per call: tests state only what matters to them. */
export const UserProfileMother = {
  userId(): string {
    sequence += 1;
    return `user-${sequence.toString().padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}`;
  },

  input(overrides: Partial<NewUserProfileInput> = {}): NewUserProfileInput {
    const userId = overrides.userId ?? UserProfileMother.userId();
    return {
      userId,
      email: `${userId}@example.com`,
      firstName: pick(FIRST_NAMES),
      lastName: pick(LAST_NAMES),
      phoneNumber: `+4477009${Math.floor(Math.random() * 1e5)
        .toString()
        .padStart(5, '0')}`,
      ...overrides,
    };
  },

  create(overrides: Partial<NewUserProfileInput> = {}, now = new Date('2026-11-24T10:00:00.000Z')): UserProfile {
    const created = UserProfile.create(UserProfileMother.input(overrides), now);
    if (!created.ok) throw new Error(`UserProfileMother made an invalid profile: ${created.error.message}`);
    return created.value;
  },

  /** The change `changes` makes to profile `userId`, decided at `now`. */
  change(userId: string, changes: ProfileChanges, now = new Date('2026-11-24T11:00:00.000Z')): ProfileChange {
    const change = ProfileChange.create(userId, changes, now);
    if (!change.ok) throw new Error(`UserProfileMother made an invalid change: ${change.error.message}`);
    return change.value;
  },

  /** `profile` after `changes`, one version higher. */
  changed(profile: UserProfile, changes: ProfileChanges, now = new Date('2026-11-24T11:00:00.000Z')): UserProfile {
    const next = profile.applyChanges(changes, now);
    if (!next.ok) throw new Error(`UserProfileMother made an invalid change: ${next.error.message}`);
    return next.value;
  },
};

const adaCreatedAt = new FixedClock().now().toISOString();

/**
 * One known profile, for tests that check every field: Ada's fields as a client might type them
 * (stray spaces, a mixed-case email), and the profile kept from them for user `alice` at the
 * fixed clock's time, less its random incarnation.
 */
export const ADA = {
  typed: { email: ' Ada@Example.COM ', firstName: ' Ada ', lastName: 'Lovelace', phoneNumber: '+447700900123' },
  kept: {
    userId: 'alice',
    email: 'ada@example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    phoneNumber: '+447700900123',
    createdAt: adaCreatedAt,
    updatedAt: adaCreatedAt,
    version: 1,
  },
} as const;
