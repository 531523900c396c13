import { Email } from '../user-profile/value-objects/email';

/** Who is asking: the verified identity behind a request. */
export interface Actor {
  readonly userId: string;
  readonly isAdmin: boolean;
  /** The email the identity provider verified for this caller (`email` with `email_verified`); absent if none. */
  readonly verifiedEmail?: string;
}

/** Owners act on their own profile; administrators on any. */
export const mayActOn = (actor: Actor, userId: string): boolean => actor.isAdmin || actor.userId === userId;

/**
 * Non-administrators may give a profile only the email their identity provider verified for
 * them, so nobody can pose as someone else's address; administrators may set any.
 */
export const mayUseEmail = (actor: Actor, email: Email): boolean => {
  if (actor.isAdmin) return true;
  if (actor.verifiedEmail === undefined) return false;
  const verified = Email.create(actor.verifiedEmail);
  return verified.ok && verified.value.value === email.value;
};
