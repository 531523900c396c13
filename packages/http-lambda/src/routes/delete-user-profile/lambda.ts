import { lambdaHandlerFor, idempotencyRecords } from '../../composition/lambda-root';
import { deleteProfile } from '../../composition/use-cases';
import { DeleteUserProfileHandler } from './handler';

/** Lambda entry of DELETE /users/{userId}. */
export const handler = lambdaHandlerFor(DeleteUserProfileHandler, deleteProfile, idempotencyRecords);
