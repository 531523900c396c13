/**
 * The global slot where a function's Lambda composition root leaves the promise of its init
 * work (the after-response extension's registration), and the bundle footer that awaits it:
 * Lambda accepts an internal extension only during init, which ends when the runtime asks for
 * its first event, and the Node.js runtime awaits an ESM handler module's top-level await.
 */
export const LAMBDA_INIT_KEY = 'userprofile.lambda.init';

/** esbuild `footer` of every function bundle (ESM): init lasts until the registration settles. */
export const LAMBDA_INIT_FOOTER = `await globalThis[Symbol.for(${JSON.stringify(LAMBDA_INIT_KEY)})];`;
