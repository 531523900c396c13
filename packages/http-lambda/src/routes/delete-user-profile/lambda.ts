// First: the reads it starts are under way while the rest of the bundle loads.
import { coldStart } from '../../composition/cold-start';
import { lambdaHandlerFor, idempotencyRecords } from '../../composition/lambda-root';
import { deleteProfile } from '../../composition/use-cases';
import { DeleteUserProfileHandler } from './handler';

/** Lambda entry of DELETE /users/{userId}. */
export const handler = lambdaHandlerFor(coldStart, DeleteUserProfileHandler, deleteProfile, idempotencyRecords);
