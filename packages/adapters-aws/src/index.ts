export * from './dynamodb/user-profile-table';
export * from './dynamodb/create-user-profile-table';
export * from './dynamodb/document-client';
export * from './dynamodb/dynamodb-user-profile-repository';
export * from './dynamodb/repository-options';
export { StoreRequestError, RETRY_AFTER_SECONDS } from './dynamodb/error-translation';
export * from './ssm/ssm-parameter-names';
export * from './ssm/ssm-config-provider';
export * from './ssm/ssm-client';
export * from './dynamodb/stored-item';
export * from './dynamodb/unchanged-condition';
export * from './dynamodb-stream/stream-record-event';
export * from './eventbridge/eventbridge-client';
export * from './eventbridge/put-events-batches';
export * from './eventbridge/eventbridge-user-profile-event-publisher';
export * from './dynamodb/idempotency-table';
export * from './dynamodb/create-idempotency-table';
export * from './dynamodb/dynamodb-idempotency-store';
export * from './dynamodb/service-tables';
export { CursorCodec, fixedCursorKeys, type CursorKeys, type CursorKeySource } from './dynamodb/cursor';
export * from './cache/last-good-cache';
export * from './secrets-manager/secrets-manager-client';
export {
  CachedSecret,
  MIN_SECRET_KEY_LENGTH,
  SECRET_CACHE_DEFAULTS,
  SECRET_RETRY_AFTER_SECONDS,
  type CachedSecretOptions,
} from './secrets-manager/cached-json-secret';
export * from './secrets-manager/secrets-manager-cursor-keys';
export * from './secrets-manager/secrets-manager-pseudonym-keys';
export * from './cloudwatch-logs/cloudwatch-logs-audit-trail';
export * from './cloudwatch-logs/cloudwatch-logs-audit-search';
export * from './cognito/cognito-account-directory';
export * from './sdk/sdk-client';
export { describeSdkError } from './sdk/sdk-error-facts';
export { describeError } from './sdk/loggable-error';
export { CLAIMED_FROM } from './dynamodb/claim-move';
