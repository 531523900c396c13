import { FindUserProfilesByEmail } from '@userprofile/domain';

import { lambdaHandlerFor } from '../../composition/lambda-root';
import { pageCursorKeys } from '../../composition/lambda-parts';
import { SearchUserProfilesHandler } from './handler';

/** Lambda entry of POST /users/search. */
export const handler = lambdaHandlerFor('SearchUserProfiles', SearchUserProfilesHandler, FindUserProfilesByEmail, {
  pageCursorKeys,
});
