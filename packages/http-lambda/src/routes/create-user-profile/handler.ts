import { CreateUserProfile } from '@userprofile/domain';
import { inject, injectable } from 'inversify';

import { bodyAs } from '../../dto/parse-request';
import type { ApiRequest, RouteHandler } from '../../http/api-request';
import { basePathOf } from '../../http/base-path';
import { problemOf } from '../../http/problem-of';
import { createdProfileResponse, type HttpResponse } from '../../http/responses';
import { CreateUserProfileBody } from './body';

/** `POST /users`: the caller's own profile, or (admins) anyone's. */
@injectable()
export class CreateUserProfileHandler implements RouteHandler {
  constructor(@inject(CreateUserProfile) private readonly createProfile: CreateUserProfile) {}

  async handle({ event, actor, writeToken }: ApiRequest): Promise<HttpResponse> {
    const { userId, email, firstName, lastName, phoneNumber } = await bodyAs(event, CreateUserProfileBody);
    const command = { userId, email, firstName, lastName, phoneNumber, writeToken };
    const result = await this.createProfile.execute(actor, command);
    return result.ok ? createdProfileResponse(result.value, basePathOf(event)) : problemOf(result.error);
  }
}

declare module '../registry' {
  interface RouteHandlerClasses {
    CreateUserProfile: typeof CreateUserProfileHandler;
  }
}
