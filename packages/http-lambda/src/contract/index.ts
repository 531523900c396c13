/**
 * Facts shared by the Lambda handlers, the local server, the OpenAPI document and the CDK app,
 * each written once. Every module here is import-free, so the CDK app can load them at synth
 * time without the handlers' runtime dependencies.
 */
export * from './cors';
export * from './environment';
export * from './problems';
export * from './security-headers';
export * from './service';
export * from './settings-rules';
