import { FindUserProfilesByEmail, ListUserProfiles } from '@userprofile/domain';
import { inject, injectable } from 'inversify';

import { queryAs } from '../../dto/parse-request';
import type { ApiRequest, RouteHandler } from '../../http/api-request';
import { validationProblem } from '../../http/problem';
import { problemOf } from '../../http/problem-of';
import { profilePageResponse, type HttpResponse } from '../../http/responses';
import { ListUserProfilesQuery } from './query';

/** `GET /users`: a page of every profile, or (`?email=`) every profile with that email. */
@injectable()
export class ListUserProfilesHandler implements RouteHandler {
  constructor(
    @inject(ListUserProfiles) private readonly listProfiles: ListUserProfiles,
    @inject(FindUserProfilesByEmail) private readonly findByEmail: FindUserProfilesByEmail,
  ) {}

  async handle({ event, actor }: ApiRequest): Promise<HttpResponse> {
    const { limit, cursor, email } = await queryAs(event, ListUserProfilesQuery);
    if (email !== undefined) {
      // A lookup answers in one page, so there is nothing for a cursor to continue.
      if (cursor !== undefined)
        throw validationProblem('cursor cannot be combined with email.', [
          { field: 'cursor', message: 'cannot be combined with email' },
        ]);
      const found = await this.findByEmail.execute(actor, email);
      return found.ok ? profilePageResponse(found.value, null) : problemOf(found.error);
    }
    const page = await this.listProfiles.execute(actor, {
      limit: limit === undefined ? undefined : Number(limit),
      cursor,
    });
    return page.ok ? profilePageResponse(page.value.items, page.value.nextCursor) : problemOf(page.error);
  }
}
