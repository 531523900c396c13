import { CLOCK, type Clock } from '../ports/clock';
import { USER_PROFILE_REPOSITORY, type UserProfileRepository } from '../ports/user-profile-repository';

/** The base of a use case that writes profiles stamped with the clock's time (a create, a change). */
export abstract class TimedProfileWrite {
  /** What its constructor takes, by token, in order (`BuiltFromPorts`): how any runtime builds it. */
  static readonly ports = [USER_PROFILE_REPOSITORY, CLOCK] as const;

  constructor(
    protected readonly profiles: UserProfileRepository,
    protected readonly clock: Clock,
  ) {}
}
