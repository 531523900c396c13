import { EraseUserAccount } from '@userprofile/domain';

import { lambdaHandlerFor } from '../../composition/lambda-root';
import { accountDirectory, eventBus, storedResponses } from '../../composition/lambda-parts';
import { EraseUserAccountHandler } from './handler';

/** Lambda entry of DELETE /users/{userId}/account. */
export const handler = lambdaHandlerFor('EraseUserAccount', EraseUserAccountHandler, EraseUserAccount, {
  storedResponses,
  accountDirectory,
  eventBus,
});
