import type { UserProfile, UserProfilePrimitives, UserProfileRepository } from '@userprofile/domain';

/** What every part of the repository contract works with: a fresh repository per test. */
export interface ContractContext {
  /** The repository of the running test (a new, empty one for each). */
  readonly repository: UserProfileRepository;
  /** Creates the profiles, failing the test if any create fails. */
  store(...profiles: UserProfile[]): Promise<void>;
  /** The stored profile as primitives, or undefined. */
  stored(userId: string): Promise<UserProfilePrimitives | undefined>;
}
