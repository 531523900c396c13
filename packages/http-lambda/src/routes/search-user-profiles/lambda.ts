// First: the reads it starts are under way while the rest of the bundle loads.
import { coldStart } from '../../composition/cold-start';
import { lambdaHandlerFor, pageCursorKeys } from '../../composition/lambda-root';
import { findProfilesByEmail } from '../../composition/use-cases';
import { SearchUserProfilesHandler } from './handler';

/** Lambda entry of POST /users/search. */
export const handler = lambdaHandlerFor(coldStart, SearchUserProfilesHandler, findProfilesByEmail, pageCursorKeys);
