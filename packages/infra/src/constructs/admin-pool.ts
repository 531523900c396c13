import { Aws, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

import { acknowledgeEssentialsPlan, appClientBasics, userPoolBasics } from './user-pool-basics';

import { ADMIN_GROUP } from '@userprofile/http-lambda/contract';

export interface AdminPoolProps {
  /** Environment suffix of every name: the pool is `user-profiles-admins-{env}`. */
  readonly environmentName: string;
  /**
   * What happens to the pool (and its administrators) when the stack is deleted; anything but
   * DESTROY also turns on the pool's deletion protection.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The administrators' own user pool, apart from the end users': nobody signs up (an
 * administrator creates each account), every sign-in needs a TOTP code, and its `admins` group
 * is the only one the handlers take for administrators (they compare the token's `iss` with
 * {@link AdminPool.issuer}). The end users' pool lets anyone in, so its groups prove nothing.
 */
export class AdminPool extends Construct {
  readonly userPool: cognito.UserPool;
  /** The admin console's client: a browser app, so public (no secret) and SRP sign-in only. */
  readonly consoleClient: cognito.UserPoolClient;
  /** Members are administrators: the handlers let them read, change and delete any profile. */
  readonly adminsGroup: cognito.UserPoolGroup;
  /** The `iss` of this pool's tokens, `https://cognito-idp.{region}.{urlSuffix}/{poolId}`: the functions' `ADMIN_ISSUER`. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: AdminPoolProps) {
    super(scope, id);
    const env = props.environmentName;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      ...userPoolBasics({ minLength: 14, tempPasswordValidity: Duration.days(3) }, removalPolicy),
      userPoolName: `user-profiles-admins-${env}`,
      // Accounts come from `aws cognito-idp admin-create-user` only (docs/deploying.md). MFA is
      // required (userPoolBasics): a reset by email still ends in the TOTP prompt.
      selfSignUpEnabled: false,
      userInvitation: {
        emailSubject: `User profiles (${env}): your administrator account`,
        emailBody:
          'Your administrator account is {username}, temporary password {####}. Sign in within 3 days: you will choose a password and set up an authenticator app.',
      },
    });
    acknowledgeEssentialsPlan(this.userPool, 'MFA is required of administrators regardless.');

    const consoleAttributes = new cognito.ClientAttributes().withStandardAttributes({
      email: true,
      givenName: true,
      familyName: true,
    });
    this.consoleClient = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: `user-profiles-admins-${env}-console`,
      // Short sessions for privileged tokens.
      ...appClientBasics(
        { idAndAccess: Duration.minutes(30), refresh: Duration.hours(12) },
        // `email` is the pool's one required attribute, so it stays writable; nothing else can make an admin.
        consoleAttributes,
        { emailVerified: true },
      ),
    });
    this.adminsGroup = this.userPool.addGroup('AdminsGroup', {
      groupName: ADMIN_GROUP,
      description: 'Administrators: may read, change and delete every profile',
    });
    this.issuer = Fn.join('', ['https://cognito-idp.', Aws.REGION, '.', Aws.URL_SUFFIX, '/', this.userPool.userPoolId]);
  }
}
