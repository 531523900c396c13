import { UpdateUserProfile } from '@userprofile/domain';
import { inject, injectable } from 'inversify';

import { bodyAs } from '../../dto/parse-request';
import type { ApiRequest, RouteHandler } from '../../http/api-request';
import { conditionalTargetOf } from '../../http/conditional-target';
import { problemOf } from '../../http/problem-of';
import { profileResponse, type HttpResponse } from '../../http/responses';
import { UpdateUserProfileBody } from './body';

/**
 * `PUT` and `PATCH /users/{userId}`: both are partial updates (the contract says so), so
 * one handler serves both routes.
 */
@injectable()
export class UpdateUserProfileHandler implements RouteHandler {
  constructor(@inject(UpdateUserProfile) private readonly updateProfile: UpdateUserProfile) {}

  async handle(request: ApiRequest): Promise<HttpResponse> {
    const target = await conditionalTargetOf(request);
    const { email, firstName, lastName, phoneNumber } = await bodyAs(request.event, UpdateUserProfileBody);
    const changes = { email, firstName, lastName, phoneNumber };
    const result = await this.updateProfile.execute(request.actor, {
      ...target,
      changes,
      writeToken: request.writeToken,
    });
    return result.ok ? profileResponse(result.value) : problemOf(result.error);
  }
}

declare module '../registry' {
  interface RouteHandlerClasses {
    UpdateUserProfile: typeof UpdateUserProfileHandler;
  }
}
