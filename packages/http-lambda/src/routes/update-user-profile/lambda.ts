import { UpdateUserProfile } from '@userprofile/domain';

import { lambdaHandlerFor } from '../../composition/lambda-root';
import { idempotencyRecords } from '../../composition/lambda-parts';
import { UpdateUserProfileHandler } from './handler';

/** Lambda entry of PUT and PATCH /users/{userId}. */
export const handler = lambdaHandlerFor('UpdateUserProfile', UpdateUserProfileHandler, UpdateUserProfile, {
  idempotencyRecords,
});
