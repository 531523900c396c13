import { lambdaHandlerFor } from '../../composition/lambda-root';
import { accountDirectory, eventBus, storedResponses } from '../../composition/lambda-parts';
import { eraseAccount } from '../../composition/use-cases';
import { EraseUserAccountHandler } from './handler';

/** Lambda entry of DELETE /users/{userId}/account. */
export const handler = lambdaHandlerFor('EraseUserAccount', EraseUserAccountHandler, eraseAccount, {
  storedResponses,
  accountDirectory,
  eventBus,
});
