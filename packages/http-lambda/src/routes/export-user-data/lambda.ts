import { ExportUserData } from '@userprofile/domain';

import { auditTrailSearch, idempotencyRecordsRead } from '../../composition/lambda-parts';
import { lambdaHandlerFor } from '../../composition/lambda-root';
import { ExportUserDataHandler } from './handler';

/** Lambda entry of GET /users/{userId}/export. */
export const handler = lambdaHandlerFor('ExportUserData', ExportUserDataHandler, ExportUserData, {
  idempotencyRecordsRead,
  auditTrailSearch,
});
