// @ts-check
'use strict';
/**
 * The embedded store's own thread (started by `embedded-store.ts`): dynalite, as the one launcher
 * (`dynalite-launcher.cjs`) opens it without a socket, and the request listener each DynamoDB call is handed to, through light-my-request's in-memory request and
 * response, so the store needs no listening socket. It runs on a thread of its own because
 * dynalite's work per write (expression parsing, index upkeep, LevelDB) is larger than the rest
 * of a request put together; on the server's thread it would queue behind every request.
 *
 * Plain CommonJS on purpose: the thread starts without the TypeScript loader the server runs
 * under (`pnpm start` under tsx, the tests under jest), so it loads in milliseconds in each.
 *
 * Messages in: { type: 'call', id, method, url, headers, payload? } and { type: 'close' }.
 * Messages out: { type: 'answer', id, statusCode, headers, body } or { type: 'answer', id, error }.
 * After 'close' the store writes what it holds, closes its files, and the thread ends. A folder
 * LevelDB cannot open ends the thread with an error that says why, before any call is answered.
 */
const { parentPort, workerData } = require('node:worker_threads');
const inject = require('light-my-request');
const { closeDynalite, openDynalite } = require('./dynalite-launcher.cjs');

if (!parentPort) throw new Error('embedded-store-thread.cjs runs only as a worker thread');
const port = parentPort;

/**
 * dynalite refuses a call without SigV4's headers but checks no signature; the client signs
 * nothing in-process (see `inProcessEngine`), so these stand in.
 */
const STAND_IN_SIGNATURE = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20000101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  'x-amz-date': '20000101T000000Z',
};

/** @typedef {{ store: import('node:http').Server, listener: Function }} Started */

/** @type {Promise<Started>} */
const starting = openDynalite(workerData.options).then((store) => {
  const [listener] = store.listeners('request');
  if (!listener) throw new Error('the embedded store has no request listener');
  return { store, listener };
});
// Uncaught, the failure ends the thread; the server's side rejects every call with its message.
starting.catch((error) => {
  throw error;
});

/** @param {Record<string, string>} headers */
const lowerCased = (headers) => {
  /** @type {Record<string, string>} */
  const out = { ...STAND_IN_SIGNATURE };
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
};

/** @param {Record<string, unknown>} headers */
const asStrings = (headers) => {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
};

/**
 * Bytes arrive as a Uint8Array; light-my-request would serialize any object but a Buffer as JSON.
 * @param {string | Uint8Array} payload
 */
const asPayload = (payload) =>
  typeof payload === 'string' ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);

/**
 * @param {Started} started
 * @param {{ id: number, method: string, url: string, headers: Record<string, string>, payload?: string | Uint8Array }} call
 */
const answer = async ({ listener }, call) => {
  try {
    const response = await inject(/** @type {any} */ (listener), {
      method: /** @type {any} */ (call.method),
      url: call.url,
      headers: lowerCased(call.headers),
      ...(call.payload !== undefined && { payload: asPayload(call.payload) }),
    });
    // A copy of just these bytes: a small Buffer is a view on a shared pool, which a transfer would take away.
    const body = new Uint8Array(response.rawPayload);
    port.postMessage(
      { type: 'answer', id: call.id, statusCode: response.statusCode, headers: asStrings(response.headers), body },
      [body.buffer],
    );
  } catch (error) {
    port.postMessage({ type: 'answer', id: call.id, error: error instanceof Error ? error.message : String(error) });
  }
};

port.on('message', (message) => {
  // Calls that come while the folder is being checked wait for it; if it fails, the thread ends.
  if (message.type === 'call')
    void starting.then(
      (started) => answer(started, message),
      () => undefined,
    );
  else if (message.type === 'close') {
    // A failure here ends the thread with an error, which the server's side reports.
    void starting.then(({ store }) => closeDynalite(store)).then(() => port.close());
  }
});
