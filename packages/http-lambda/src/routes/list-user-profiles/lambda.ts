import { ListUserProfiles } from '@userprofile/domain';

import { lambdaHandlerFor } from '../../composition/lambda-root';
import { pageCursorKeys } from '../../composition/lambda-parts';
import { ListUserProfilesHandler } from './handler';

/** Lambda entry of GET /users. */
export const handler = lambdaHandlerFor('ListUserProfiles', ListUserProfilesHandler, ListUserProfiles, {
  pageCursorKeys,
});
