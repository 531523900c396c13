import { lambdaHandlerFor } from '../composition/lambda-root';
import { deleteUserProfileRoute } from '../composition/routes/delete-user-profile.route';

/** Lambda entry of DELETE /users/{userId}. */
export const handler = lambdaHandlerFor(deleteUserProfileRoute);
