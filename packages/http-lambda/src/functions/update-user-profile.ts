import { lambdaHandlerFor } from '../composition/lambda-root';
import { updateUserProfileRoute } from '../composition/routes/update-user-profile.route';

/** Lambda entry of PUT and PATCH /users/{userId}. */
export const handler = lambdaHandlerFor(updateUserProfileRoute);
