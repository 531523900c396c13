import { EraseUserAccount } from '@userprofile/domain';
import { inject, injectable } from 'inversify';

import type { ApiRequest, RouteHandler } from '../../http/api-request';
import { targetUserIdOf } from '../../http/identity';
import { problemOf } from '../../http/problem-of';
import { noContentResponse, type HttpResponse } from '../../http/responses';

/** `DELETE /users/{userId}/account` (and `/users/me/account`). */
@injectable()
export class EraseUserAccountHandler implements RouteHandler {
  constructor(@inject(EraseUserAccount) private readonly eraseAccount: EraseUserAccount) {}

  async handle(request: ApiRequest): Promise<HttpResponse> {
    const result = await this.eraseAccount.execute(request.actor, {
      userId: targetUserIdOf(request.event, request.actor),
    });
    return result.ok ? noContentResponse() : problemOf(result.error);
  }
}

declare module '../registry' {
  interface RouteHandlerClasses {
    EraseUserAccount: typeof EraseUserAccountHandler;
  }
}
