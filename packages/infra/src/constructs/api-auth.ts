import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

import { ADMIN_GROUP } from '@userprofile/http-lambda/contract';

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
 * Who may call the API: the Cognito user pool mobile users sign up to, the mobile app's client
 * (no secret, SRP sign-in), the `admins` group, and the API Gateway authorizer that accepts the
 * pool's tokens on every method.
 */
export class ApiAuth extends Construct {
  readonly userPool: cognito.UserPool;
  /** The mobile apps' client: public (no secret), so it may only use SRP. */
  readonly userPoolClient: cognito.UserPoolClient;
  /** Members are administrators: the handlers let them read, change and delete any profile. */
  readonly adminsGroup: cognito.UserPoolGroup;
  /** Accepts the pool's ID and access tokens from the `Authorization` header. */
  readonly authorizer: apigateway.CognitoUserPoolsAuthorizer;

  constructor(scope: Construct, id: string, props: ApiAuthProps) {
    super(scope, id);
    const env = props.environmentName;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `user-profiles-${env}`,
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: removalPolicy !== RemovalPolicy.DESTROY,
      removalPolicy,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'Mobile-app end users sign up themselves; MFA (TOTP) is offered, not forced, as a product decision. Administrators should enrol.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus feature plan (threat protection) is priced per active user; enable it per environment when the budget allows.',
      },
    );
    this.userPoolClient = this.userPool.addClient('MobileClient', {
      userPoolClientName: `user-profiles-${env}-mobile`,
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    this.adminsGroup = this.userPool.addGroup('AdminsGroup', {
      groupName: ADMIN_GROUP,
      description: 'Administrators: may read, change and delete every profile',
    });

    this.authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      authorizerName: `user-profile-authorizer-${env}`,
      cognitoUserPools: [this.userPool],
      identitySource: apigateway.IdentitySource.header('Authorization'),
      resultsCacheTtl: props.authorizerResultsCacheTtl ?? Duration.minutes(5),
    });
  }
}
