export * from './audit-policy';
export * from './logger-audit-trail';
export * from './pseudonymised-trail';
