import { describeError } from '@userprofile/adapters-aws';
import type { ConfirmedSignUp, SignUpOutcome } from '@userprofile/domain';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';

import { POST_CONFIRMATION } from '../../triggers';

type LogAttributes = Record<string, unknown>;

/** What the handler logs through (Powertools' Logger in Lambda). Attributes hold ids and names of fields, never values. */
export interface TriggerLogger {
  info(message: string, attributes: LogAttributes): void;
  error(message: string, attributes: LogAttributes): void;
}

/** What a sign-up came to: the use case's outcome, or `failed` for a fault (the sign-up went on). */
export type SignUpResult = SignUpOutcome | { readonly kind: 'failed' };

/** The name of a {@link SignUpResult}, as the metrics count it. */
export type SignUpMetricOutcome = SignUpResult['kind'];

/** Where the handler counts each sign-up's outcome (CloudWatch metrics in Lambda; the caller's answer locally). */
export interface SignUpMetrics {
  signUp(result: SignUpResult): void;
}

/** The `ProfileFromSignUp` use case. */
export interface SignUps {
  execute(signUp: ConfirmedSignUp): Promise<SignUpOutcome>;
}

export interface PostConfirmationDependencies {
  /**
   * The use case for the pool the event comes from (its accounts are the claim's check): the
   * event names the pool, so the function needs no setting that would make the pool and its own
   * trigger depend on each other.
   */
  readonly signUpsIn: (userPoolId: string) => SignUps;
  readonly logger: TriggerLogger;
  readonly metrics: SignUpMetrics;
}

/**
 * The post-confirmation trigger: a confirmed sign-up gets its profile (see `ProfileFromSignUp`)
 * from the attributes Cognito verified. It returns the event whatever happens: a fault of ours
 * (store or pool unavailable, a bug) is logged and counted, never a failed sign-up, because the
 * app's first POST creates a missing profile and `pnpm migrate` finishes an unfinished claim.
 */
export function createPostConfirmationHandler(
  dependencies: PostConfirmationDependencies,
): (event: PostConfirmationTriggerEvent, remainingMs?: () => number) => Promise<PostConfirmationTriggerEvent> {
  const { signUpsIn, logger, metrics } = dependencies;
  return async (event, remainingMs) => {
    if (!POST_CONFIRMATION.triggerSources.includes(event.triggerSource)) return event;
    const sub = event.request.userAttributes.sub;
    try {
      const work = signUpsIn(event.userPoolId).execute(confirmedSignUp(event));
      const outcome = await (remainingMs ? withinBudget(work, remainingMs() - ANSWER_MARGIN_MS) : work);
      logger.info('sign-up profile', { userId: sub, ...outcome });
      metrics.signUp(outcome);
    } catch (error) {
      logger.error("sign-up profile failed: the app's first POST creates it, pnpm migrate finishes a claim", {
        userId: sub,
        ...describeError(error),
      });
      metrics.signUp({ kind: 'failed' });
    }
    return event;
  };
}

/**
 * What is kept of the invocation's time to answer Cognito in: a trigger that times out fails the
 * confirmation, so the handler stops waiting before that. Work cut short is left as a crash would
 * leave it, which every write allows for (see `ProfileFromSignUp`).
 */
const ANSWER_MARGIN_MS = 500;

/** Thrown when the work did not end within the invocation's budget. */
export class SignUpTimeoutError extends Error {
  constructor() {
    super('the sign-up profile was not done in the time Cognito waits');
    this.name = 'SignUpTimeoutError';
  }
}

async function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SignUpTimeoutError()), Math.max(budgetMs, 0));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The sign-up the event tells: the `sub`, the names, and the email and phone number only where
 * Cognito verified them (an unverified address proves nothing about who signed up).
 */
export function confirmedSignUp(event: PostConfirmationTriggerEvent): ConfirmedSignUp {
  const attributes = event.request.userAttributes;
  const sub = attributes.sub;
  if (!sub) throw new Error('the event has no sub attribute');
  const given = (name: string): string | undefined => {
    const value = attributes[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const email = attributes.email_verified === 'true' ? given('email') : undefined;
  const phoneNumber = attributes.phone_number_verified === 'true' ? given('phone_number') : undefined;
  const givenName = given('given_name');
  const familyName = given('family_name');
  return {
    sub,
    ...(email !== undefined && { email }),
    ...(givenName !== undefined && { givenName }),
    ...(familyName !== undefined && { familyName }),
    ...(phoneNumber !== undefined && { phoneNumber }),
  };
}
