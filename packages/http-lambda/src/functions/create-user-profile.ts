import { lambdaHandlerFor } from '../composition/lambda-root';
import { createUserProfileRoute } from '../composition/routes/create-user-profile.route';

/** Lambda entry of POST /users. */
export const handler = lambdaHandlerFor(createUserProfileRoute);
