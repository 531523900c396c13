// First: the reads it starts are under way while the rest of the bundle loads.
import { coldStart } from '../../composition/cold-start';
import { lambdaHandlerFor } from '../../composition/lambda-root';
import { getProfile } from '../../composition/use-cases';
import { GetUserProfileHandler } from './handler';

/** Lambda entry of GET /users/{userId}. */
export const handler = lambdaHandlerFor(coldStart, GetUserProfileHandler, getProfile);
