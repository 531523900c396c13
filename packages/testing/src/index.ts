export { ApiGatewayEventBuilder, TEST_ISSUERS, type Caller, type ResourceOf } from './api-gateway-event';
export {
  startDynalite,
  startDynaliteProcess,
  type DynaliteOptions,
  type RunningDynalite,
  type RunningEngine,
} from './dynalite-server';
export { aLambdaContext } from './lambda-context';
export { createCursorSecret, CURSOR_KEYS, putCursorKeys, type StoredCursorKeys } from './cursor-secrets';
export { createPseudonymSecret, fixedPseudonymKeys, rotatePseudonymKey, TEST_PSEUDONYM_KEY } from './pseudonym-keys';
export { captureLogs, useCapturedLogs, type CapturedLogs } from './log-capture';
export { setUpClientConfig, startMoto } from './moto-server';
export { MOTO_SERVICES, type MotoServiceClients, type MotoServiceName } from './moto-services';
export { closedPort, startSilentEndpoint, type SilentEndpoint } from './network-faults';
export { CANARY, CanaryScanner, canariesIn, captureProcessLogs, rememberToken, type LogScan } from './canaries';
export { useBusProbe, useDynalite, useMoto, useMotoService, type EngineClient, type MotoService } from './use-engine';
export { createBusProbe, type BusProbe } from './bus-probe';
export { eventBridgeEnvelope, userProfileEventSchemaErrors } from './event-schema';
export { userDataExportSchemaErrors } from './export-schema';

// Test doubles of the domain's ports, their contract suites, and the Mothers that make test data.
export * from './doubles/in-memory-user-profile-repository';
export * from './doubles/in-memory-idempotency-store';
export * from './doubles/in-memory-audit-trail';
export * from './doubles/in-memory-account-directory';
export * from './doubles/recording-event-publisher';
export * from './doubles/fixed-clock';
export * from './doubles/static-config-provider';
export * from './contracts/user-profile-repository-contract';
export * from './contracts/idempotency-store-contract';
export * from './mothers/user-profile-mother';
export { LegacyItemMother, type LegacyItem } from './mothers/legacy-item-mother';
