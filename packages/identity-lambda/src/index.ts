export * from './triggers';
export * from './metric-names';
export * from './triggers/post-confirmation/handler';
