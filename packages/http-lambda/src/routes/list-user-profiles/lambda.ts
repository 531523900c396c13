// First: the reads it starts are under way while the rest of the bundle loads.
import { coldStart } from '../../composition/cold-start';
import { lambdaHandlerFor, pageCursorKeys } from '../../composition/lambda-root';
import { listProfiles } from '../../composition/use-cases';
import { ListUserProfilesHandler } from './handler';

/** Lambda entry of GET /users. */
export const handler = lambdaHandlerFor(coldStart, ListUserProfilesHandler, listProfiles, pageCursorKeys);
