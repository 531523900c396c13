import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';

/**
 * What both user pools (the end users' and the administrators') share: email sign-in with a
 * verified, required address, strong passwords, TOTP as the only second factor (SMS codes can be
 * intercepted and need an SNS role), recovery by email only, the Essentials plan, and deletion
 * protection unless the pool goes with its stack.
 */
export const userPoolBasics = (
  passwords: { readonly minLength: number; readonly tempPasswordValidity?: Duration },
  removalPolicy: RemovalPolicy,
) =>
  ({
    signInAliases: { email: true },
    autoVerify: { email: true },
    standardAttributes: { email: { required: true, mutable: true } },
    passwordPolicy: {
      ...passwords,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
    },
    mfaSecondFactor: { otp: true, sms: false },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    deletionProtection: removalPolicy !== RemovalPolicy.DESTROY,
    removalPolicy,
  }) satisfies Partial<cognito.UserPoolProps>;
