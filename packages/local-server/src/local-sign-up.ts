import { ProfileFromSignUp, systemClock, type UserProfileRepository } from '@userprofile/domain';
import { createPostConfirmationHandler, type SignUpResult, type TriggerLogger } from '@userprofile/identity-lambda';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';

import { AccountExistsError, type LocalAccount, type LocalIdentityDirectory } from './local-identity-directory';

/** Where the local server takes sign-ups (`pnpm run sign-up`): a local-only endpoint, no API route. */
export const LOCAL_SIGN_UP_PATH = '/local/sign-up';

/** The pool id the local events carry, as Cognito's carry their pool's. */
export const LOCAL_USER_POOL_ID = 'local_userprofile';

/** What `pnpm run sign-up` sends: an account to confirm, with the attributes Cognito would hold. */
export interface LocalSignUpRequest {
  /** @default a new uuid, as Cognito makes one */
  readonly sub?: string;
  readonly email: string;
  /** @default true: a confirmed sign-up has verified its email */
  readonly emailVerified?: boolean;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly phoneNumber?: string;
  /** @default true when a phone number is given */
  readonly phoneNumberVerified?: boolean;
}

/** The answer: the account's `sub` and what the trigger did; ids only, never an attribute's value. */
export type LocalSignUpAnswer =
  | { readonly status: 201; readonly body: { readonly sub: string; readonly profile: SignUpResult } }
  | { readonly status: 400 | 409; readonly body: { readonly title: string } };

export interface LocalSignUpDependencies {
  /** The local user pool: the account is added to it, and it is the claim's check. */
  readonly identities: LocalIdentityDirectory;
  readonly repository: UserProfileRepository;
  readonly logger: TriggerLogger;
  /** As the deployed trigger's `CLAIM_LEGACY_PROFILES`. */
  readonly claimLegacyProfiles: boolean;
}

/**
 * The local stand-in for Cognito's confirmation: adds the account to the local user pool, then
 * runs the deployed post-confirmation handler in this process with the event Cognito would send,
 * against the server's own store. Answers what the handler did.
 */
export function createLocalSignUp(deps: LocalSignUpDependencies): (body: unknown) => Promise<LocalSignUpAnswer> {
  return async (body) => {
    const request = readRequest(body);
    if (typeof request === 'string') return { status: 400, body: { title: request } };
    let account: LocalAccount;
    try {
      account = await deps.identities.signUp({
        ...request,
        emailVerified: request.emailVerified ?? true,
        ...(request.phoneNumber !== undefined && { phoneNumberVerified: request.phoneNumberVerified ?? true }),
      });
    } catch (error) {
      if (error instanceof AccountExistsError) return { status: 409, body: { title: error.message } };
      throw error;
    }
    let result: SignUpResult = { kind: 'failed' };
    const handler = createPostConfirmationHandler({
      signUpsIn: () =>
        new ProfileFromSignUp(deps.repository, deps.identities, systemClock, {
          claimLegacyProfiles: deps.claimLegacyProfiles,
        }),
      logger: deps.logger,
      metrics: { signUp: (outcome) => (result = outcome) },
    });
    await handler(postConfirmationEventOf(account));
    return { status: 201, body: { sub: account.sub, profile: result } };
  };
}

/** The event Cognito sends its post-confirmation trigger for `account`: every attribute a string. */
export function postConfirmationEventOf(account: LocalAccount): PostConfirmationTriggerEvent {
  const attributes: Record<string, string> = {
    sub: account.sub,
    'cognito:user_status': 'CONFIRMED',
    email: account.email,
    email_verified: String(account.emailVerified),
  };
  if (account.givenName !== undefined) attributes.given_name = account.givenName;
  if (account.familyName !== undefined) attributes.family_name = account.familyName;
  if (account.phoneNumber !== undefined) {
    attributes.phone_number = account.phoneNumber;
    attributes.phone_number_verified = String(account.phoneNumberVerified ?? false);
  }
  return {
    version: '1',
    region: 'local',
    userPoolId: LOCAL_USER_POOL_ID,
    userName: account.sub,
    callerContext: { awsSdkVersion: 'local', clientId: 'local' },
    triggerSource: 'PostConfirmation_ConfirmSignUp',
    request: { userAttributes: attributes },
    response: {},
  };
}

const STRINGS = ['sub', 'email', 'givenName', 'familyName', 'phoneNumber'] as const;
const FLAGS = ['emailVerified', 'phoneNumberVerified'] as const;

/** The request, or why it is not one (names only, never a value). */
function readRequest(body: unknown): LocalSignUpRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter(
    (key) => !(STRINGS as readonly string[]).includes(key) && !(FLAGS as readonly string[]).includes(key),
  );
  if (unknown.length > 0) return `unknown fields: ${unknown.join(', ')}`;
  for (const key of STRINGS) {
    const value = fields[key];
    if (value !== undefined && (typeof value !== 'string' || value.trim() === ''))
      return `${key} must be a non-empty string`;
  }
  for (const key of FLAGS) {
    if (fields[key] !== undefined && typeof fields[key] !== 'boolean') return `${key} must be true or false`;
  }
  if (fields.email === undefined) return 'email is required: Cognito accounts here sign in with their email';
  return fields as unknown as LocalSignUpRequest;
}
