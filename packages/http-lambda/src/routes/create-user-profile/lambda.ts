// First: the reads it starts are under way while the rest of the bundle loads.
import { coldStart } from '../../composition/cold-start';
import { lambdaHandlerFor, idempotencyRecords } from '../../composition/lambda-root';
import { createProfile } from '../../composition/use-cases';
import { CreateUserProfileHandler } from './handler';

/** Lambda entry of POST /users. */
export const handler = lambdaHandlerFor(coldStart, CreateUserProfileHandler, createProfile, idempotencyRecords);
