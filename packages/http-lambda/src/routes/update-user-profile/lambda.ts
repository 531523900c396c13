import { lambdaHandlerFor } from '../../composition/lambda-root';
import { UpdateUserProfileHandler } from './handler';

/** Lambda entry of PUT and PATCH /users/{userId}. */
export const handler = lambdaHandlerFor(UpdateUserProfileHandler);
