import { lambdaHandlerFor, pageCursorKeys } from '../../composition/lambda-root';
import { listProfiles } from '../../composition/use-cases';
import { ListUserProfilesHandler } from './handler';

/** Lambda entry of GET /users. */
export const handler = lambdaHandlerFor(ListUserProfilesHandler, listProfiles, pageCursorKeys);
