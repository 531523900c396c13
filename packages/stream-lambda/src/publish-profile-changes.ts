import { Logger } from '@aws-lambda-powertools/logger';
import { createEventBridgeClient, EventBridgeUserProfileEventPublisher } from '@userprofile/adapters-aws';

import { createPublishProfileChangesHandler } from './publish-profile-changes-handler';

/**
 * Lambda entry for the profile table's stream (event source mapping with
 * `ReportBatchItemFailures`): publishes profile change events to the bus named by
 * `EVENT_BUS_NAME`. The client and logger are built once per cold start.
 */
const eventBusName = process.env.EVENT_BUS_NAME;
if (!eventBusName) {
  throw new Error('EVENT_BUS_NAME is not set: it names the EventBridge bus profile events are published to');
}

export const handler = createPublishProfileChangesHandler({
  publisher: new EventBridgeUserProfileEventPublisher({ client: createEventBridgeClient(), eventBusName }),
  logger: new Logger({ serviceName: 'userprofile' }),
});
