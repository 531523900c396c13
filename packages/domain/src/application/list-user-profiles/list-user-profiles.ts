import type { ConfigProvider } from '../../ports/config-provider';
import type { ProfilePage, UserProfileRepository } from '../../ports/user-profile-repository';
import { err, type Result } from '../../shared/result';
import type { InvalidCursorError } from '../../user-profile/errors';
import type { Actor } from '../actor';
import { AccessDeniedError, type InvalidPageSizeError } from '../errors';
import { pageRequestOf, type PageQuery } from '../page-request';

export type ListUserProfilesQuery = PageQuery;

export type ListUserProfilesError = AccessDeniedError | InvalidPageSizeError | InvalidCursorError;

/** Pages through every profile. Administrators only. */
export class ListUserProfiles {
  constructor(
    private readonly profiles: UserProfileRepository,
    private readonly config: ConfigProvider,
  ) {}

  async execute(actor: Actor, query: ListUserProfilesQuery): Promise<Result<ProfilePage, ListUserProfilesError>> {
    if (!actor.isAdmin) return err(new AccessDeniedError());
    const page = await pageRequestOf(query, this.config);
    return page.ok ? this.profiles.list(page.value) : page;
  }
}
