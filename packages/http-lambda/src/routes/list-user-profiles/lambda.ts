import { lambdaHandlerFor } from '../../composition/lambda-root';
import { ListUserProfilesHandler } from './handler';

/** Lambda entry of GET /users. */
export const handler = lambdaHandlerFor(ListUserProfilesHandler);
