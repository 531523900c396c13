import { lambdaHandlerFor } from '../../composition/lambda-root';
import { auditTrailSearch, idempotencyRecordsRead } from '../../composition/lambda-parts';
import { exportUserData } from '../../composition/use-cases';
import { ExportUserDataHandler } from './handler';

/** Lambda entry of GET /users/{userId}/export. */
export const handler = lambdaHandlerFor('ExportUserData', ExportUserDataHandler, exportUserData, {
  idempotencyRecordsRead,
  auditTrailSearch,
});
