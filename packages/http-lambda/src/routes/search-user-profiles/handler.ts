import { FindUserProfilesByEmail } from '@userprofile/domain';
import { inject, injectable } from 'inversify';

import { bodyAs } from '../../dto/parse-request';
import type { ApiRequest, RouteHandler } from '../../http/api-request';
import { problemOf } from '../../http/problem-of';
import { profilePageResponse, type HttpResponse } from '../../http/responses';
import { SearchUserProfilesBody } from './body';

/** `POST /users/search`: a page of the profiles with the body's email (administrators). */
@injectable()
export class SearchUserProfilesHandler implements RouteHandler {
  constructor(@inject(FindUserProfilesByEmail) private readonly findByEmail: FindUserProfilesByEmail) {}

  async handle({ event, actor }: ApiRequest): Promise<HttpResponse> {
    const { email, limit, cursor } = await bodyAs(event, SearchUserProfilesBody);
    const page = await this.findByEmail.execute(actor, {
      email,
      // `@IsOptional` lets `"limit": null` through: it means "no limit given", as absent does.
      ...(limit !== undefined && limit !== null && { limit }),
      ...(cursor !== undefined && { cursor }),
    });
    return page.ok ? profilePageResponse(page.value.items, page.value.nextCursor) : problemOf(page.error);
  }
}

declare module '../registry' {
  interface RouteHandlerClasses {
    SearchUserProfiles: typeof SearchUserProfilesHandler;
  }
}
