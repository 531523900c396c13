import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

import { acknowledgeEssentialsPlan, appClientBasics, userPoolBasics } from './user-pool-basics';

import { AdminPool } from './admin-pool';

export interface ApiAuthProps {
  /** Environment suffix of every name: the pool is `user-profiles-{env}`. */
  readonly environmentName: string;
  /**
   * What happens to the user pool (and its users) when the stack is deleted; anything but
   * DESTROY also turns on the pool's deletion protection.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * How long API Gateway caches a token's verdict.
   * @default Duration.minutes(5)
   */
  readonly authorizerResultsCacheTtl?: Duration;
}

/**
 * Who may call the API: the Cognito user pool mobile users sign up to and the mobile app's client
 * (no secret, SRP sign-in); the administrators' own pool ({@link AdminPool}: MFA required, no
 * sign-up) with its `admins` group; and the API Gateway authorizer that accepts both pools'
 * tokens on every method. Only the admin pool's group makes an administrator (the handlers check
 * the token's issuer against `ADMIN_ISSUER`).
 */
export class ApiAuth extends Construct {
  /** The end users' pool: anyone may sign up, so its groups grant nothing. */
  readonly userPool: cognito.UserPool;
  /** The mobile apps' client: public (no secret), so it may only use SRP. */
  readonly userPoolClient: cognito.UserPoolClient;
  /** The administrators' pool, its console client and its `admins` group (`adminPool.adminsGroup`). */
  readonly adminPool: AdminPool;
  /** Accepts either pool's ID and access tokens from the `Authorization` header. */
  readonly authorizer: apigateway.CognitoUserPoolsAuthorizer;

  constructor(scope: Construct, id: string, props: ApiAuthProps) {
    super(scope, id);
    const env = props.environmentName;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      ...userPoolBasics({ minLength: 12 }, removalPolicy),
      userPoolName: `user-profiles-${env}`,
      // MFA is required of end users too (userPoolBasics).
      selfSignUpEnabled: true,
    });
    acknowledgeEssentialsPlan(this.userPool, 'MFA is required of end users regardless.');
    // What the app writes at sign-up (the post-confirmation trigger builds the profile from it)
    // and may change later; `email` is required by the pool, so it stays writable. Nothing else,
    // in particular no `custom:` attribute, is the app's to write.
    const mobileWrites = new cognito.ClientAttributes().withStandardAttributes({
      email: true,
      givenName: true,
      familyName: true,
      phoneNumber: true,
    });
    this.userPoolClient = this.userPool.addClient('MobileClient', {
      userPoolClientName: `user-profiles-${env}-mobile`,
      ...appClientBasics({ idAndAccess: Duration.hours(1), refresh: Duration.days(30) }, mobileWrites, {
        emailVerified: true,
        phoneNumberVerified: true,
      }),
    });

    this.adminPool = new AdminPool(this, 'AdminPool', { environmentName: env, removalPolicy });

    this.authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      authorizerName: `user-profile-authorizer-${env}`,
      // Both pools sign callers in; which of them may administer is the handlers' check of `iss`.
      cognitoUserPools: [this.userPool, this.adminPool.userPool],
      identitySource: apigateway.IdentitySource.header('Authorization'),
      resultsCacheTtl: props.authorizerResultsCacheTtl ?? Duration.minutes(5),
    });
  }
}
