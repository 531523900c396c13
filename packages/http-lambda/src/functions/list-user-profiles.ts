import { lambdaHandlerFor } from '../composition/lambda-root';
import { listUserProfilesRoute } from '../composition/routes/list-user-profiles.route';

/** Lambda entry of GET /users. */
export const handler = lambdaHandlerFor(listUserProfilesRoute);
