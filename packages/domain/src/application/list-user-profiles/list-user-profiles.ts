import type { ProfilePage } from '../../ports/user-profile-repository';
import { err, type Result } from '../../shared/result';
import type { InvalidCursorError } from '../../user-profile/errors';
import type { Actor } from '../actor';
import { AccessDeniedError, type InvalidPageSizeError } from '../errors';
import { PagedProfileRead, type PageQuery } from '../page-request';

export type ListUserProfilesQuery = PageQuery;

export type ListUserProfilesError = AccessDeniedError | InvalidPageSizeError | InvalidCursorError;

/** Pages through every profile. Administrators only. */
export class ListUserProfiles extends PagedProfileRead {
  async execute(actor: Actor, query: ListUserProfilesQuery): Promise<Result<ProfilePage, ListUserProfilesError>> {
    if (!actor.isAdmin) return err(new AccessDeniedError());
    return this.readPage(query, (page) => this.profiles.list(page));
  }
}
