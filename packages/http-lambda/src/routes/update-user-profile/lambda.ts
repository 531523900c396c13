// First: the reads it starts are under way while the rest of the bundle loads.
import { coldStart } from '../../composition/cold-start';
import { lambdaHandlerFor, idempotencyRecords } from '../../composition/lambda-root';
import { updateProfile } from '../../composition/use-cases';
import { UpdateUserProfileHandler } from './handler';

/** Lambda entry of PUT and PATCH /users/{userId}. */
export const handler = lambdaHandlerFor(coldStart, UpdateUserProfileHandler, updateProfile, idempotencyRecords);
