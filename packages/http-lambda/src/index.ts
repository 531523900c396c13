export * from './routes';
export * from './settings/runtime-settings';
export * from './settings/settings-parsers';
