export * from './config';
export * from './app';
export * from './user-profile-stack';
export * from './constructs/user-profile-data';
export * from './constructs/service-function';
export * from './constructs/user-profile-api';
export * from './constructs/service-monitoring';
