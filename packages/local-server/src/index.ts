/** The local server as a library: start it in a process, and sign the tokens it accepts. */
export { startLocalServer, type LocalServer, type LocalServerOptions } from './local-server';
export { LOCAL_HOST } from './server-lifecycle';
export { LOCAL_TABLES } from './local-settings';
export { loadOrCreateSigningKeys, type LocalSigningKeys } from './local-keys';
export { issueLocalToken, LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER, type LocalTokenRequest } from './local-tokens';
export type { AccessLogEntry } from './local-gateway';
