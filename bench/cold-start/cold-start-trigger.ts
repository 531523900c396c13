/**
 * The sign-up trigger's cold start (packages/identity-lambda's post-confirmation function, as
 * cdk.out holds it): a fresh `node` loads the bundle and handles one confirmed sign-up of a new
 * account (no legacy profile holds its email, so the profile is created), against its reference
 * making the same DynamoDB calls with the same flags, alternating. Cognito waits for the trigger
 * before it completes a confirmation, so its cold start is on a user's sign-up path.
 * The trigger answers Cognito with the event whatever happens (a fault is logged, never a failed
 * sign-up): each run checks that the profile was created, or the bench would time a failure.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { POST_CONFIRMATION, TRIGGER_ENV } from '../../packages/identity-lambda/src/triggers';
import { documentClient, dynamoDbClient, DUMMY_AWS_ENV } from '../lib/engines';
import { lambdaContext } from '../lib/events';
import type { Report } from '../lib/report';
import { summarize } from '../lib/stats';
import { readShippedTrigger, type LambdaAsset } from './cdk-out';
import { runChild } from './run-child';
import { TABLE, type ColdStartInputs } from './cold-start-engines';

const SUITE = 'cold-start';

/** A confirmed sign-up as Cognito sends it to the trigger: a fresh `sub` and a verified email no profile holds. */
const signUpEvent = (sub: string, userPoolId: string): PostConfirmationTriggerEvent => ({
  version: '1',
  region: DUMMY_AWS_ENV.AWS_REGION,
  userPoolId,
  userName: sub,
  triggerSource: 'PostConfirmation_ConfirmSignUp',
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'bench' },
  request: {
    userAttributes: {
      sub,
      email: `${sub}@example.com`,
      email_verified: 'true',
      given_name: 'Ada',
      family_name: 'Lovelace',
      'cognito:user_status': 'CONFIRMED',
    },
  },
  response: {},
});

const environment = (
  fn: LambdaAsset,
  inputs: Pick<ColdStartInputs, 'dynamo' | 'ssm'>,
  event: PostConfirmationTriggerEvent,
): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  ...DUMMY_AWS_ENV,
  AWS_ENDPOINT_URL_DYNAMODB: inputs.dynamo.endpoint,
  // Only a legacy candidate would make it ask the pool (ListUsers); none does here.
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: inputs.ssm.endpoint,
  AWS_LAMBDA_FUNCTION_NAME: POST_CONFIRMATION.functionName,
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize ?? 128),
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  TZ: ':UTC',
  ...fn.environment,
  [TRIGGER_ENV.tableName]: TABLE,
  BENCH_EVENT: JSON.stringify(event),
  BENCH_CONTEXT: JSON.stringify(lambdaContext(POST_CONFIRMATION.functionName)),
});

/** Runs the trigger's cold starts, `runs` per variant after one untimed each, and adds its one row. */
export const runTriggerColdStart = async (
  report: Report,
  inputs: ColdStartInputs,
  reference: LambdaAsset,
  userPoolId: string,
  runs: number,
): Promise<Record<string, unknown>> => {
  const shipped = readShippedTrigger(inputs.cdkOut, POST_CONFIRMATION.functionName);
  const variants = [
    { id: 'shipped', bundleFile: shipped.bundleFile, handlerExport: shipped.handlerExport },
    { id: 'reference', bundleFile: reference.bundleFile, handlerExport: reference.handlerExport },
  ];
  const client = dynamoDbClient(inputs.dynamo.endpoint);
  const doc = documentClient(client);
  const totals: Record<string, number[]> = { shipped: [], reference: [] };
  try {
    for (let run = -1; run < runs; run += 1) {
      const order = run % 2 === 0 ? variants : [...variants].reverse();
      for (const variant of order) {
        const sub = `signup-${variant.id}-${run}-${Date.now()}`;
        const sample = await runChild(variant, environment(shipped, inputs, signUpEvent(sub, userPoolId)));
        const { Item } = await doc.send(
          new GetCommand({ TableName: TABLE, Key: { userId: sub }, ConsistentRead: true }),
        );
        if (!Item) throw new Error(`${POST_CONFIRMATION.functionName} ${variant.id}: the sign-up created no profile`);
        if (run >= 0) totals[variant.id]!.push(sample.totalMs);
      }
    }
  } finally {
    client.destroy();
  }
  const shippedMs = summarize(totals.shipped!);
  const referenceMs = summarize(totals.reference!);
  // No goal: the cold-start goal (issue 13) is the API functions'; no issue sets one for triggers.
  report.add(SUITE, {
    name: `${POST_CONFIRMATION.functionName} (sign-up trigger): load + first invoke (median of ${runs})`,
    value: shippedMs.median,
    baselineName:
      'reference making the same DynamoDB calls (GetItem, email-index Query, conditional PutItem), same flags',
    baseline: referenceMs.median,
    unit: 'ms',
  });
  return { bundle: shipped.bundleFile, ms: { shipped: shippedMs, reference: referenceMs } };
};
