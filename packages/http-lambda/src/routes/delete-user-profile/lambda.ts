import { DeleteUserProfile } from '@userprofile/domain';

import { lambdaHandlerFor } from '../../composition/lambda-root';
import { idempotencyRecords, storedResponses } from '../../composition/lambda-parts';
import { DeleteUserProfileHandler } from './handler';

/** Lambda entry of DELETE /users/{userId}. */
export const handler = lambdaHandlerFor('DeleteUserProfile', DeleteUserProfileHandler, DeleteUserProfile, {
  idempotencyRecords,
  storedResponses,
});
