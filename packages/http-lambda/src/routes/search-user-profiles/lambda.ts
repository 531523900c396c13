import { lambdaHandlerFor } from '../../composition/lambda-root';
import { SearchUserProfilesHandler } from './handler';

/** Lambda entry of POST /users/search. */
export const handler = lambdaHandlerFor(SearchUserProfilesHandler);
