export * from './audit-policy';
export * from './logger-audit-trail';
export * from './refusal-reason';
export * from './pseudonymised-trail';
