export * from './in-memory-user-profile-repository';
export * from './user-profile-repository-contract';
export * from './user-profile-mother';
export * from './fixed-clock';
export * from './static-config-provider';
export * from './in-memory-idempotency-store';
export * from './idempotency-store-contract';
export * from './in-memory-audit-trail';
