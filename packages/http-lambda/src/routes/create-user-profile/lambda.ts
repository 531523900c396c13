import { CreateUserProfile } from '@userprofile/domain';

import { lambdaHandlerFor } from '../../composition/lambda-root';
import { idempotencyRecords } from '../../composition/lambda-parts';
import { CreateUserProfileHandler } from './handler';

/** Lambda entry of POST /users. */
export const handler = lambdaHandlerFor('CreateUserProfile', CreateUserProfileHandler, CreateUserProfile, {
  idempotencyRecords,
});
