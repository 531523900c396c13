import { lambdaHandlerFor } from '../../composition/lambda-root';
import { idempotencyRecords } from '../../composition/lambda-parts';
import { createProfile } from '../../composition/use-cases';
import { CreateUserProfileHandler } from './handler';

/** Lambda entry of POST /users. */
export const handler = lambdaHandlerFor('CreateUserProfile', CreateUserProfileHandler, createProfile, {
  idempotencyRecords,
});
