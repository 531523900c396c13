export * from './audit-policy';
export * from './file-audit-trail';
export * from './logger-audit-trail';
