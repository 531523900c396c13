import type { Logger } from '@aws-lambda-powertools/logger';
import type { AuditRecord, AuditTrail } from '@userprofile/domain';

/** The fallback trail: records as `audit` lines of the service log, for runtimes given no trail of their own. */
export const loggerAuditTrail = (logger: Logger): AuditTrail => ({
  record(entry: AuditRecord): Promise<void> {
    logger.info('audit', { audit: entry });
    return Promise.resolve();
  },
});
