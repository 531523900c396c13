import { startLambda } from './lambda-start';

/**
 * This function's start, begun before the rest of its bundle is evaluated: every Lambda entry
 * imports this module first, and nothing else imports it (it reads `process.env` on import).
 */
export const coldStart = startLambda(process.env);

// One turn of the event loop before the rest of the bundle is evaluated: the reads just started
// go on the wire, so their round trips overlap the loading (measured: bench/cold-start).
// @ts-expect-error TS1309: tsc sees this package as CommonJS; this module is only ever bundled as ESM.
await new Promise((resolve) => setImmediate(resolve));
