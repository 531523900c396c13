import { GetUserProfile } from '@userprofile/domain';

import { lambdaHandlerFor } from '../../composition/lambda-root';
import { GetUserProfileHandler } from './handler';

/** Lambda entry of GET /users/{userId}. */
export const handler = lambdaHandlerFor('GetUserProfile', GetUserProfileHandler, GetUserProfile, {});
