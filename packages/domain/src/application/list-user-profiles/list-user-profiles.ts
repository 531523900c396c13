import type { ConfigProvider } from '../../ports/config-provider';
import type { ProfilePage, UserProfileRepository } from '../../ports/user-profile-repository';
import { err, type Result } from '../../shared/result';
import type { InvalidCursorError } from '../../user-profile/errors';
import type { Actor } from '../actor';
import { AccessDeniedError, InvalidPageSizeError } from '../errors';

export interface ListUserProfilesQuery {
  /** Defaults to the configured page size. */
  readonly limit?: number;
  readonly cursor?: string;
}

export type ListUserProfilesError = AccessDeniedError | InvalidPageSizeError | InvalidCursorError;

/** Pages through every profile. Administrators only. */
export class ListUserProfiles {
  constructor(
    private readonly profiles: UserProfileRepository,
    private readonly config: ConfigProvider,
  ) {}

  async execute(actor: Actor, query: ListUserProfilesQuery): Promise<Result<ProfilePage, ListUserProfilesError>> {
    if (!actor.isAdmin) return err(new AccessDeniedError());
    const { defaultPageSize, maxPageSize } = await this.config.get();
    const limit = query.limit ?? defaultPageSize;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) {
      return err(new InvalidPageSizeError(maxPageSize));
    }
    return this.profiles.list({ limit, ...(query.cursor !== undefined && { cursor: query.cursor }) });
  }
}
