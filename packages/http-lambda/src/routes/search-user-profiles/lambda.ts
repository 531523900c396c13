import { lambdaHandlerFor } from '../../composition/lambda-root';
import { pageCursorKeys } from '../../composition/lambda-parts';
import { findProfilesByEmail } from '../../composition/use-cases';
import { SearchUserProfilesHandler } from './handler';

/** Lambda entry of POST /users/search. */
export const handler = lambdaHandlerFor('SearchUserProfiles', SearchUserProfilesHandler, findProfilesByEmail, {
  pageCursorKeys,
});
