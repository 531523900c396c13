import { lambdaHandlerFor } from '../composition/lambda-root';
import { getUserProfileRoute } from '../composition/routes/get-user-profile.route';

/** Lambda entry of GET /users/{userId}. */
export const handler = lambdaHandlerFor(getUserProfileRoute);
