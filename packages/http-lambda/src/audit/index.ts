export * from './audit-policy';
export * from './logger-audit-trail';
