import { lambdaHandlerFor } from '../../composition/lambda-root';
import { idempotencyRecords, storedResponses } from '../../composition/lambda-parts';
import { deleteProfile } from '../../composition/use-cases';
import { DeleteUserProfileHandler } from './handler';

/** Lambda entry of DELETE /users/{userId}. */
export const handler = lambdaHandlerFor('DeleteUserProfile', DeleteUserProfileHandler, deleteProfile, {
  idempotencyRecords,
  storedResponses,
});
