import { lambdaHandlerFor } from '../../composition/lambda-root';
import { pageCursorKeys } from '../../composition/lambda-parts';
import { listProfiles } from '../../composition/use-cases';
import { ListUserProfilesHandler } from './handler';

/** Lambda entry of GET /users. */
export const handler = lambdaHandlerFor('ListUserProfiles', ListUserProfilesHandler, listProfiles, { pageCursorKeys });
