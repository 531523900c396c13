import type { Context } from 'aws-lambda';

/** A Lambda context with what the logger reads; `overrides` set e.g. one invocation's `awsRequestId`. */
export const aLambdaContext = (overrides: Partial<Context> = {}): Context =>
  ({
    functionName: 'userprofile-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:userprofile-test',
    memoryLimitInMB: '256',
    awsRequestId: 'lambda-request-1',
    logGroupName: '/aws/lambda/userprofile-test',
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  }) as Context;
