export * from './dynamodb/user-profile-table';
export * from './dynamodb/create-user-profile-table';
export * from './dynamodb/document-client';
export * from './dynamodb/dynamodb-user-profile-repository';
export { StoreRequestError, RETRY_AFTER_SECONDS } from './dynamodb/error-translation';
export * from './ssm/ssm-parameter-names';
export * from './ssm/settings-parser';
export * from './ssm/ssm-config-provider';
export * from './dynamodb/stored-item';
