import { lambdaHandlerFor } from '../../composition/lambda-root';
import { idempotencyRecords } from '../../composition/lambda-parts';
import { updateProfile } from '../../composition/use-cases';
import { UpdateUserProfileHandler } from './handler';

/** Lambda entry of PUT and PATCH /users/{userId}. */
export const handler = lambdaHandlerFor('UpdateUserProfile', UpdateUserProfileHandler, updateProfile, {
  idempotencyRecords,
});
