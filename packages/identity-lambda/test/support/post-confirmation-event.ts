import type { PostConfirmationTriggerEvent } from 'aws-lambda';

/**
 * A post-confirmation event as Cognito sends it (the shape of AWS's documented example): the
 * attributes are all strings, `email_verified` included, and `userName` is the `sub` in a pool
 * whose users sign in with their email.
 */
export function postConfirmationEvent(
  userAttributes: Record<string, string>,
  triggerSource: PostConfirmationTriggerEvent['triggerSource'] = 'PostConfirmation_ConfirmSignUp',
): PostConfirmationTriggerEvent {
  return {
    version: '1',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_TestPool1',
    userName: userAttributes.sub ?? 'unknown',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '4n1m0b1l3c113n7' },
    triggerSource,
    request: { userAttributes: { 'cognito:user_status': 'CONFIRMED', ...userAttributes } },
    response: {},
  };
}
