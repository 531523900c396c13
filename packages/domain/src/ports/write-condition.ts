import { err, ok, type Result } from '../shared/result';
import { ProfileNotFoundError, StaleVersionError } from '../user-profile/errors';
import { sameRevision, type ProfileRevision } from '../user-profile/revision';

/** Why a conditional write (`applyChange`, `delete`) did not happen. */
export type WriteConditionError = ProfileNotFoundError | StaleVersionError;

/**
 * The condition of a `UserProfileRepository` change, judged the same way by every repository:
 * what is stored for `userId` (undefined: nothing it can read) against the revision the caller
 * expected (undefined: whichever is stored). Met, it gives back what is stored.
 */
export function checkWriteCondition<Stored extends ProfileRevision>(
  userId: string,
  stored: Stored | undefined,
  expected: ProfileRevision | undefined,
): Result<Stored, WriteConditionError> {
  if (stored === undefined) return err(new ProfileNotFoundError(userId));
  if (expected !== undefined && !sameRevision(stored, expected)) return err(new StaleVersionError(userId, expected));
  return ok(stored);
}
