import type { Clock } from '../../ports/clock';
import type { UserProfileRepository } from '../../ports/user-profile-repository';
import { err, ok, type Result } from '../../shared/result';
import type { ProfileAlreadyExistsError, ProfileValidationError } from '../../user-profile/errors';
import { UserProfile, type NewUserProfileInput } from '../../user-profile/user-profile';
import { mayActOn, type Actor } from '../actor';
import { AccessDeniedError } from '../errors';

/** The new profile's fields; `userId` defaults to the actor's own. */
export type CreateUserProfileCommand = Omit<NewUserProfileInput, 'userId'> & { readonly userId?: string };

export type CreateUserProfileError = AccessDeniedError | ProfileValidationError | ProfileAlreadyExistsError;

/** Creates the actor's own profile, or, for an administrator, anyone's. */
export class CreateUserProfile {
  constructor(
    private readonly profiles: UserProfileRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, command: CreateUserProfileCommand): Promise<Result<UserProfile, CreateUserProfileError>> {
    const userId = command.userId ?? actor.userId;
    if (!mayActOn(actor, userId)) return err(new AccessDeniedError());

    const created = UserProfile.create({ ...command, userId }, this.clock.now());
    if (!created.ok) return created;

    const stored = await this.profiles.create(created.value);
    return stored.ok ? ok(created.value) : stored;
  }
}
