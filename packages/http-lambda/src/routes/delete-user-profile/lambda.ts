import { lambdaHandlerFor } from '../../composition/lambda-root';
import { DeleteUserProfileHandler } from './handler';

/** Lambda entry of DELETE /users/{userId}. */
export const handler = lambdaHandlerFor(DeleteUserProfileHandler);
