import { lambdaHandlerFor } from '../../composition/lambda-root';
import { CreateUserProfileHandler } from './handler';

/** Lambda entry of POST /users. */
export const handler = lambdaHandlerFor(CreateUserProfileHandler);
