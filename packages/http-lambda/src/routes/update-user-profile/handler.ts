import { UpdateUserProfile } from '@userprofile/domain';
import { inject, injectable } from 'inversify';

import { bodyAs } from '../../dto/parse-request';
import { UpdateUserProfileBody } from './body';
import type { ApiRequest, RouteHandler } from '../../http/api-request';
import { preconditionOf } from '../../http/etag';
import { targetUserIdOf } from '../../http/identity';
import { problemOf } from '../../http/problem-of';
import { profileResponse, type HttpResponse } from '../../http/responses';

/**
 * `PUT` and `PATCH /users/{userId}`: both are partial updates (the contract says so), so
 * one handler serves both routes.
 */
@injectable()
export class UpdateUserProfileHandler implements RouteHandler {
  constructor(@inject(UpdateUserProfile) private readonly updateProfile: UpdateUserProfile) {}

  async handle({ event, actor, settings }: ApiRequest): Promise<HttpResponse> {
    const userId = targetUserIdOf(event, actor);
    const { expectedRevision } = preconditionOf(event, settings.requireIfMatch);
    const { email, firstName, lastName, phoneNumber } = await bodyAs(event, UpdateUserProfileBody);
    const changes = { email, firstName, lastName, phoneNumber };
    const result = await this.updateProfile.execute(actor, { userId, changes, expectedRevision });
    return result.ok ? profileResponse(result.value) : problemOf(result.error);
  }
}
