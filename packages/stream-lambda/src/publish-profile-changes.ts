import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createEventBridgeClient, EventBridgeUserProfileEventPublisher } from '@userprofile/adapters-aws';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';

import { EmfStreamBatchMetrics } from './batch-metrics';
import { PROFILE_EVENT_METRICS } from './metric-names';
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

const logger = new Logger({ serviceName: PROFILE_EVENT_METRICS.serviceName });

const publishProfileChanges = createPublishProfileChangesHandler({
  publisher: new EventBridgeUserProfileEventPublisher({ client: createEventBridgeClient(), eventBusName }),
  logger,
  metrics: new EmfStreamBatchMetrics(
    new Metrics({
      namespace: PROFILE_EVENT_METRICS.namespace,
      serviceName: PROFILE_EVENT_METRICS.serviceName,
      // Lambda sets it: one environment's metrics never mix with another's in the same account.
      defaultDimensions: {
        [PROFILE_EVENT_METRICS.functionNameDimension]: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown',
      },
    }),
  ),
});

/**
 * Each batch's lines carry Powertools' Lambda context keys; the one logger takes each
 * invocation's context, as Lambda hands this function one batch at a time.
 */
export const handler = (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  logger.addContext(context);
  return publishProfileChanges(event);
};
