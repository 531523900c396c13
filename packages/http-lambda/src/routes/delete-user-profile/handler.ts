import { DeleteUserProfile } from '@userprofile/domain';
import { inject, injectable } from 'inversify';

import type { ApiRequest, RouteHandler } from '../../http/api-request';
import { preconditionOf } from '../../http/etag';
import { targetUserIdOf } from '../../http/identity';
import { problemOf } from '../../http/problem-of';
import { noContentResponse, type HttpResponse } from '../../http/responses';

/** `DELETE /users/{userId}` (and `/users/me`). */
@injectable()
export class DeleteUserProfileHandler implements RouteHandler {
  constructor(@inject(DeleteUserProfile) private readonly deleteProfile: DeleteUserProfile) {}

  async handle({ event, actor, settings }: ApiRequest): Promise<HttpResponse> {
    const userId = targetUserIdOf(event, actor);
    const { expectedRevision } = preconditionOf(event, settings.requireIfMatch);
    const result = await this.deleteProfile.execute(actor, { userId, expectedRevision });
    return result.ok ? noContentResponse() : problemOf(result.error);
  }
}
