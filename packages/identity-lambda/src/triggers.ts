/**
 * The trigger table: one row per Cognito user pool trigger, as `routes.ts` is for the API. A
 * trigger is one row here plus one folder `triggers/<kebab-name>/` (`handler.ts`, `lambda.ts`);
 * the CDK app derives each trigger's function, its role (exactly the row's actions) and the
 * pool's `lambdaTriggers` entry from the row. Import-free: the CDK app reads it at synth time.
 */

/** The DynamoDB actions a trigger's function performs on the profile table itself. */
export type TriggerTableAction = 'dynamodb:GetItem' | 'dynamodb:PutItem' | 'dynamodb:DeleteItem';

/** The DynamoDB actions a trigger's function performs on the table's email index. */
export type TriggerIndexAction = 'dynamodb:Query';

/** The Cognito actions a trigger's function performs on the end users' pool (the one that invokes it). */
export type TriggerUserPoolAction = 'cognito-idp:ListUsers';

/** One Cognito trigger. */
export interface TriggerDefinition {
  /** The `lambdaTriggers` key (CDK's `UserPoolTriggers`) the function is attached as. */
  readonly trigger: 'postConfirmation';
  /** The `triggerSource`s the handler acts on; it returns every other event untouched. */
  readonly triggerSources: readonly string[];
  /** Physical name prefix: the function is `{functionName}-{env}`. */
  readonly functionName: string;
  /** The Lambda entry module, relative to this package's `src/`. */
  readonly entry: string;
  readonly tableActions: readonly TriggerTableAction[];
  readonly indexActions: readonly TriggerIndexAction[];
  /** Needed only while legacy profiles are claimed (`-c claimLegacyProfiles`, on by default). */
  readonly claimUserPoolActions: readonly TriggerUserPoolAction[];
}

/**
 * The environment variables a trigger's composition root reads; the CDK app sets them where it
 * defines the function.
 */
export const TRIGGER_ENV = {
  /** The profile table. Required. */
  tableName: 'TABLE_NAME',
  /** `true` or `false`: whether a sign-up claims a legacy profile with its verified email. @default true */
  claimLegacyProfiles: 'CLAIM_LEGACY_PROFILES',
  /** Powertools' log level. @default INFO */
  logLevel: 'LOG_LEVEL',
} as const;

/** Sign-up gives the confirmed account its profile: claimed from the original stack, or created. */
export const POST_CONFIRMATION: TriggerDefinition = {
  trigger: 'postConfirmation',
  // A confirmed password reset (`PostConfirmation_ConfirmForgotPassword`) is no new account.
  triggerSources: ['PostConfirmation_ConfirmSignUp'],
  functionName: 'PostConfirmation',
  entry: 'triggers/post-confirmation/lambda.ts',
  // Get: the sub's profile, the legacy item as stored. Put: create, or the claim's copy.
  // Delete: the claimed legacy item (or the copy taken back). Query: the email index.
  tableActions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
  indexActions: ['dynamodb:Query'],
  // Whether a candidate's key is an account's `sub` (a ListUsers with a `sub` filter).
  claimUserPoolActions: ['cognito-idp:ListUsers'],
};

/** Every trigger the user pool has. */
export const TRIGGERS: readonly TriggerDefinition[] = [POST_CONFIRMATION];
