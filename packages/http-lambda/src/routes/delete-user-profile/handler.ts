import { DeleteUserProfile } from '@userprofile/domain';
import { inject, injectable } from 'inversify';

import type { ApiRequest, RouteHandler } from '../../http/api-request';
import { conditionalTargetOf } from '../../http/conditional-target';
import { problemOf } from '../../http/problem-of';
import { noContentResponse, type HttpResponse } from '../../http/responses';

/** `DELETE /users/{userId}` (and `/users/me`). */
@injectable()
export class DeleteUserProfileHandler implements RouteHandler {
  constructor(@inject(DeleteUserProfile) private readonly deleteProfile: DeleteUserProfile) {}

  async handle(request: ApiRequest): Promise<HttpResponse> {
    const result = await this.deleteProfile.execute(request.actor, await conditionalTargetOf(request));
    return result.ok ? noContentResponse() : problemOf(result.error);
  }
}

declare module '../registry' {
  interface RouteHandlerClasses {
    DeleteUserProfile: typeof DeleteUserProfileHandler;
  }
}
