import type { ProfileRevision, UserProfile } from '@userprofile/domain';
import { UserProfileMother } from '../../mothers/user-profile-mother';
import type { ContractContext } from './contract-context';

/** How many writers race in the concurrency tests: enough to interleave, few enough for a busy machine. */
export const CONCURRENT_WRITERS = 8;

/** Every writer renames the profile at once; with `expected`, each change is conditioned on it. */
export function changeConcurrently(ctx: ContractContext, userId: string, expected?: ProfileRevision) {
  return Promise.all(
    Array.from({ length: CONCURRENT_WRITERS }, (_, i) =>
      ctx.repository.applyChange(UserProfileMother.change(userId, { firstName: `Writer${i}` }), expected),
    ),
  );
}

/**
 * A profile read by a client, then deleted and created again under the same id: versions
 * restart at 1, so only the incarnation tells the two apart (the ABA case).
 */
export async function recreatedAfterRead(ctx: ContractContext): Promise<{ read: UserProfile; reborn: UserProfile }> {
  const read = UserProfileMother.create();
  await ctx.store(read);
  await ctx.repository.delete(read.userId);
  const reborn = UserProfileMother.create({ userId: read.userId });
  await ctx.store(reborn);
  return { read, reborn };
}
