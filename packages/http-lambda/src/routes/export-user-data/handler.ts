import { ExportUserData, PSEUDONYM_KEYS, type PseudonymKeySource } from '@userprofile/domain';
import { inject, injectable } from 'inversify';

import { trailTargetsNaming } from '../../audit/pseudonymised-trail';
import type { ApiRequest, RouteHandler } from '../../http/api-request';
import { targetUserIdOf } from '../../http/identity';
import { problemOf } from '../../http/problem-of';
import type { HttpResponse } from '../../http/responses';
import { exportResponse } from './export-document';

/** `GET /users/{userId}/export` (and `/users/me/export`). */
@injectable()
export class ExportUserDataHandler implements RouteHandler {
  constructor(
    @inject(ExportUserData) private readonly exportData: ExportUserData,
    @inject(PSEUDONYM_KEYS) private readonly pseudonymKeys: PseudonymKeySource,
  ) {}

  async handle({ event, actor }: ApiRequest): Promise<HttpResponse> {
    const userId = targetUserIdOf(event, actor);
    // The trail names a user by their keyed pseudonym: the search asks for exactly that.
    const auditTargets = await trailTargetsNaming(userId, this.pseudonymKeys);
    const result = await this.exportData.execute(actor, { userId, auditTargets });
    return result.ok ? exportResponse(result.value) : problemOf(result.error);
  }
}

declare module '../registry' {
  interface RouteHandlerClasses {
    ExportUserData: typeof ExportUserDataHandler;
  }
}
