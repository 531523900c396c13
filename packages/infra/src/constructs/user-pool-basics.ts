import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';

/**
 * What both user pools (the end users' and the administrators') share: email sign-in with a
 * verified, required address, strong passwords, a second factor required of everyone (a profile
 * holds personal data, and a password alone is what credential stuffing takes), TOTP as the only
 * one (SMS codes can be intercepted and need an SNS role; the app or console enrols the
 * authenticator at the first sign-in, Cognito's MFA_SETUP challenge), recovery by email only, the
 * Essentials plan, and deletion protection unless the pool goes with its stack.
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
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    deletionProtection: removalPolicy !== RemovalPolicy.DESTROY,
    removalPolicy,
  }) satisfies Partial<cognito.UserPoolProps>;

/** How long a client's tokens live: shorter for privileged ones, as a stolen one is worth less for less long. */
export interface TokenLifetimes {
  readonly idAndAccess: Duration;
  readonly refresh: Duration;
}

/**
 * What both pools' app clients share: a public client (a browser or mobile app cannot keep a
 * secret: anything in its bundle is public) signing in with SRP only, with no OAuth (the pools
 * have no hosted UI domain; CDK's default would turn on the implicit and code grants with the
 * callback https://example.com: unused doors, closed), no hint whether an account exists, and
 * revocable tokens. The client writes `writable` and reads those plus the verified flags `verified`.
 */
export const appClientBasics = (
  lifetimes: TokenLifetimes,
  writable: cognito.ClientAttributes,
  verified: cognito.StandardAttributesMask,
) =>
  ({
    generateSecret: false,
    authFlows: { userSrp: true },
    disableOAuth: true,
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    idTokenValidity: lifetimes.idAndAccess,
    accessTokenValidity: lifetimes.idAndAccess,
    refreshTokenValidity: lifetimes.refresh,
    readAttributes: writable.withStandardAttributes(verified),
    writeAttributes: writable,
  }) satisfies Partial<cognito.UserPoolClientOptions>;

/**
 * Both pools stay on the Essentials plan, which cdk-nag's AwsSolutions-COG8 flags: the Plus plan
 * (threat protection) is priced per active user. `regardless` says what protects this pool anyway.
 */
export function acknowledgeEssentialsPlan(pool: cognito.UserPool, regardless: string): void {
  Validations.of(pool).acknowledge({
    id: 'AwsSolutions-COG8',
    reason: `The Plus feature plan (threat protection) is priced per active user; enable it per environment when the budget allows. ${regardless}`,
  });
}
