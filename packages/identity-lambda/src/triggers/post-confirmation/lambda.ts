import { randomBytes } from 'node:crypto';

import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import {
  CognitoAccountDirectory,
  createCognitoClient,
  createDynamoDbDocumentClient,
  DynamoDbUserProfileRepository,
} from '@userprofile/adapters-aws';
import { ProfileFromSignUp, systemClock } from '@userprofile/domain';
import type { Context, PostConfirmationTriggerEvent } from 'aws-lambda';

import { SIGN_UP_METRICS } from '../../metric-names';
import { TRIGGER_ENV } from '../../triggers';
import { EmfSignUpMetrics } from './emf-sign-up-metrics';
import { createPostConfirmationHandler } from './handler';

/**
 * Lambda entry of the post-confirmation trigger (composition root): the profile table named by
 * `TABLE_NAME`, the pool the event comes from as the account directory, claiming as
 * `CLAIM_LEGACY_PROFILES` says. Clients, logger and metrics are built once per cold start.
 */
const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the CDK app sets it where it defines the trigger`);
  return value;
};

const tableName = required(TRIGGER_ENV.tableName);
// Off only when said so: claiming is the point of the trigger for a team coming from the original stack.
const claimLegacyProfiles = process.env[TRIGGER_ENV.claimLegacyProfiles] !== 'false';

const logger = new Logger({
  serviceName: SIGN_UP_METRICS.serviceName,
  logLevel: (process.env[TRIGGER_ENV.logLevel] ?? 'INFO') as 'INFO',
});

const profiles = new DynamoDbUserProfileRepository({
  client: createDynamoDbDocumentClient(),
  tableName,
  // The trigger never hands a page cursor out: a key of its own, new at each cold start, will do.
  cursorSigningKey: randomBytes(32).toString('base64url'),
});
const cognito = createCognitoClient();

const signUpProfile = createPostConfirmationHandler({
  signUpsIn: (userPoolId) =>
    new ProfileFromSignUp(profiles, new CognitoAccountDirectory(cognito, userPoolId), systemClock, {
      claimLegacyProfiles,
    }),
  logger,
  metrics: new EmfSignUpMetrics(
    new Metrics({
      namespace: SIGN_UP_METRICS.namespace,
      serviceName: SIGN_UP_METRICS.serviceName,
      defaultDimensions: {
        [SIGN_UP_METRICS.functionNameDimension]: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown',
      },
    }),
  ),
});

/** Cognito waits for the answer (5 s at most) before it completes the confirmation. */
export const handler = (
  event: PostConfirmationTriggerEvent,
  context: Context,
): Promise<PostConfirmationTriggerEvent> => {
  logger.addContext(context);
  return signUpProfile(event, () => context.getRemainingTimeInMillis());
};
