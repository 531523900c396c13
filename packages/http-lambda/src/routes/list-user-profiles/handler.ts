import { ListUserProfiles } from '@userprofile/domain';
import { inject, injectable } from 'inversify';

import { queryAs } from '../../dto/parse-request';
import type { ApiRequest, RouteHandler } from '../../http/api-request';
import { HttpProblem } from '../../http/problem';
import { problemOf } from '../../http/problem-of';
import { profilePageResponse, type HttpResponse } from '../../http/responses';
import { ListUserProfilesQuery } from './query';

/** The old lookup form's answer. It names where lookups went and never repeats the address. */
export const lookupMovedProblem = (): HttpProblem =>
  new HttpProblem(
    'lookup-moved',
    'Email lookups moved out of the URL: send POST /users/search with a JSON body {"email": "..."}.',
    { errors: [{ field: 'email', message: 'is not a query parameter: send it in the body of POST /users/search' }] },
  );

/** `GET /users`: a page of every profile (administrators). */
@injectable()
export class ListUserProfilesHandler implements RouteHandler {
  constructor(@inject(ListUserProfiles) private readonly listProfiles: ListUserProfiles) {}

  async handle({ event, actor }: ApiRequest): Promise<HttpResponse> {
    // Before anything else reads the query: clients of the old form learn where lookups went.
    if (namesEmail(event.queryStringParameters) || namesEmail(event.multiValueQueryStringParameters)) {
      throw lookupMovedProblem();
    }
    const { limit, cursor } = await queryAs(event, ListUserProfilesQuery);
    const page = await this.listProfiles.execute(actor, {
      limit: limit === undefined ? undefined : Number(limit),
      cursor,
    });
    return page.ok ? profilePageResponse(page.value.items, page.value.nextCursor) : problemOf(page.error);
  }
}

const namesEmail = (parameters: object | null | undefined): boolean =>
  parameters !== null && parameters !== undefined && Object.hasOwn(parameters, 'email');

declare module '../registry' {
  interface RouteHandlerClasses {
    ListUserProfiles: typeof ListUserProfilesHandler;
  }
}
