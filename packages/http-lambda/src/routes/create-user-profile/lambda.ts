import { lambdaHandlerFor, idempotencyRecords } from '../../composition/lambda-root';
import { createProfile } from '../../composition/use-cases';
import { CreateUserProfileHandler } from './handler';

/** Lambda entry of POST /users. */
export const handler = lambdaHandlerFor(CreateUserProfileHandler, createProfile, idempotencyRecords);
