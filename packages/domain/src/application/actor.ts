/** Who is asking: the verified identity behind a request. */
export interface Actor {
  readonly userId: string;
  readonly isAdmin: boolean;
}

/** Owners act on their own profile; administrators on any. */
export const mayActOn = (actor: Actor, userId: string): boolean => actor.isAdmin || actor.userId === userId;
