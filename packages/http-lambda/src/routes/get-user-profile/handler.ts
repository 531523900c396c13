import { GetUserProfile } from '@userprofile/domain';
import { inject, injectable } from 'inversify';

import type { ApiRequest, RouteHandler } from '../../http/api-request';
import { targetUserIdOf } from '../../http/identity';
import { problemOf } from '../../http/problem-of';
import { profileResponse, type HttpResponse } from '../../http/responses';

/** `GET /users/{userId}` (and `/users/me`). */
@injectable()
export class GetUserProfileHandler implements RouteHandler {
  constructor(@inject(GetUserProfile) private readonly getProfile: GetUserProfile) {}

  async handle({ event, actor }: ApiRequest): Promise<HttpResponse> {
    const result = await this.getProfile.execute(actor, targetUserIdOf(event, actor));
    return result.ok ? profileResponse(result.value) : problemOf(result.error);
  }
}

declare module '../registry' {
  interface RouteHandlerClasses {
    GetUserProfile: typeof GetUserProfileHandler;
  }
}
