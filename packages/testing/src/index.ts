export { ApiGatewayEventBuilder, type Caller, type ResourceOf } from './api-gateway-event';
export {
  startDynalite,
  startDynaliteProcess,
  type DynaliteOptions,
  type RunningDynalite,
  type RunningEngine,
} from './dynalite-server';
export { aLambdaContext } from './lambda-context';
export { captureLogs, useCapturedLogs, type CapturedLogs } from './log-capture';
export { setUpClientConfig, startMoto } from './moto-server';
export { closedPort, startSilentEndpoint, type SilentEndpoint } from './network-faults';
export { CANARY, CanaryScanner, canariesIn, captureProcessLogs, rememberToken, type LogScan } from './canaries';
export { useBusProbe, useDynalite, useMoto, type EngineClient } from './use-engine';
export { createBusProbe, type BusProbe } from './bus-probe';
export { eventBridgeEnvelope, userProfileEventSchemaErrors } from './event-schema';
