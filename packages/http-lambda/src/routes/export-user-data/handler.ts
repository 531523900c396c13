import { ExportUserData } from '@userprofile/domain';
import { inject, injectable } from 'inversify';

import { auditTargetsNaming } from '../../audit/audit-policy';
import type { ApiRequest, RouteHandler } from '../../http/api-request';
import { targetUserIdOf } from '../../http/identity';
import { problemOf } from '../../http/problem-of';
import type { HttpResponse } from '../../http/responses';
import { exportResponse } from './export-document';

/** `GET /users/{userId}/export` (and `/users/me/export`). */
@injectable()
export class ExportUserDataHandler implements RouteHandler {
  constructor(@inject(ExportUserData) private readonly exportData: ExportUserData) {}

  async handle({ event, actor }: ApiRequest): Promise<HttpResponse> {
    const userId = targetUserIdOf(event, actor);
    // The trail names a user as the audit policy wrote it: the search asks for exactly those forms.
    const result = await this.exportData.execute(actor, { userId, auditTargets: auditTargetsNaming(userId) });
    return result.ok ? exportResponse(result.value) : problemOf(result.error);
  }
}

declare module '../registry' {
  interface RouteHandlerClasses {
    ExportUserData: typeof ExportUserDataHandler;
  }
}
