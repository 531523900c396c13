/**
 * The same-work reference (reference-handler-same-work.ts) of the erasure's function, which also
 * deletes the sign-in account (Cognito AdminDeleteUser, by `sub`; an account already gone is
 * done) and announces the erasure on the profile events' bus (EventBridge PutEvents), with the
 * official clients.
 */
import { AdminDeleteUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { referenceHandler } from './reference-core';
import { startRemoteWorkAtInit } from './reference-remote-work';
import { LAMBDA_ENV } from '../../packages/http-lambda/src/contract/environment';

const { ready, remote } = startRemoteWorkAtInit();
const cognito = new CognitoIdentityProviderClient({});
const events = new EventBridgeClient({});

export const handler = referenceHandler(
  async () => {
    await ready;
    return process.env[LAMBDA_ENV.tableName] ?? 'user-profiles-bench';
  },
  {
    ...remote,
    deleteAccount: async (userId) => {
      try {
        await cognito.send(
          new AdminDeleteUserCommand({ UserPoolId: process.env[LAMBDA_ENV.userPoolId], Username: userId }),
        );
      } catch (error) {
        if ((error as Error).name !== 'UserNotFoundException') throw error;
      }
    },
    announceErasure: async (userId) => {
      const occurredAt = new Date();
      const { FailedEntryCount } = await events.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: process.env[LAMBDA_ENV.eventBusName],
              Source: 'userprofile',
              DetailType: 'UserAccountErased',
              Detail: JSON.stringify({ eventId: `erased:${userId}`, userId, occurredAt: occurredAt.toISOString() }),
              Time: occurredAt,
            },
          ],
        }),
      );
      if (FailedEntryCount) throw new Error('the bus refused the erasure event');
    },
  },
);
