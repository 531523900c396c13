export * from './dynamodb/user-profile-table';
