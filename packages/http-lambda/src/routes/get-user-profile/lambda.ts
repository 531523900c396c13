import { lambdaHandlerFor } from '../../composition/lambda-root';
import { getProfile } from '../../composition/use-cases';
import { GetUserProfileHandler } from './handler';

/** Lambda entry of GET /users/{userId}. */
export const handler = lambdaHandlerFor('GetUserProfile', GetUserProfileHandler, getProfile, {});
