import { lambdaHandlerFor, idempotencyRecords } from '../../composition/lambda-root';
import { updateProfile } from '../../composition/use-cases';
import { UpdateUserProfileHandler } from './handler';

/** Lambda entry of PUT and PATCH /users/{userId}. */
export const handler = lambdaHandlerFor(UpdateUserProfileHandler, updateProfile, idempotencyRecords);
