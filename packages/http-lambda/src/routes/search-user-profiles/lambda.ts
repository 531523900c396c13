import { lambdaHandlerFor, pageCursorKeys } from '../../composition/lambda-root';
import { findProfilesByEmail } from '../../composition/use-cases';
import { SearchUserProfilesHandler } from './handler';

/** Lambda entry of POST /users/search. */
export const handler = lambdaHandlerFor(SearchUserProfilesHandler, findProfilesByEmail, pageCursorKeys);
