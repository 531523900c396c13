// One cold start: a fresh Node process loads one bundle and invokes its handler once, as the
// Lambda runtime would. Plain CommonJS with nothing imported but Node's own modules, so the
// harness adds nothing to what is measured. Prints one JSON line and exits (the SDK's
// keep-alive sockets would otherwise hold the process open).
//
// It also plays Lambda's Extensions API on loopback (AWS_LAMBDA_RUNTIME_API), as Lambda offers
// it to every function: a bundle that registers an internal extension during init (ours, for
// the work it does after the response) pays for that call in its load, and its first invoke
// ends, as in Lambda, when the response is returned; the extension's work after it is timed
// apart (`afterResponseMs`) until the extension asks for the next event.
const { createServer } = require('node:http');
const { performance } = require('node:perf_hooks');
const { pathToFileURL } = require('node:url');

const [bundle, exportName = 'handler'] = process.argv.slice(2);
const event = JSON.parse(process.env.BENCH_EVENT);
const context = JSON.parse(process.env.BENCH_CONTEXT);
context.getRemainingTimeInMillis = () => 29000;

/** A minimal Extensions API: registration, then `event/next` answered with the one INVOKE. */
function extensionsApi() {
  const nextCalls = [];
  let invoke;
  let registered = false;
  const server = createServer((request, response) => {
    if (request.method === 'POST' && request.url.endsWith('/extension/register')) {
      registered = true;
      response.writeHead(200, { 'Lambda-Extension-Identifier': 'bench-extension' }).end('{}');
    } else if (request.method === 'GET' && request.url.endsWith('/extension/event/next')) {
      nextCalls.push(response);
      if (nextCalls.length === 1 && invoke) invoke(response);
      if (nextCalls.length === 2) server.emit('invocation-done');
    } else response.writeHead(404).end();
  });
  return {
    server,
    /** Hands the INVOKE event to the extension's pending (or next) `event/next`. */
    deliver(requestId) {
      const send = (response) =>
        response
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ eventType: 'INVOKE', requestId, deadlineMs: Date.now() + 29000 }));
      if (nextCalls.length >= 1) send(nextCalls[0]);
      else invoke = send;
    },
    registered: () => registered,
  };
}

(async () => {
  const api = extensionsApi();
  await new Promise((resolve) => api.server.listen(0, '127.0.0.1', resolve));
  process.env.AWS_LAMBDA_RUNTIME_API = `127.0.0.1:${api.server.address().port}`;
  const invocationDone = new Promise((resolve) => api.server.once('invocation-done', resolve));

  const startedUs = Number(process.hrtime.bigint() / 1000n);
  const started = performance.now();
  const mod = bundle.endsWith('.mjs') ? await import(pathToFileURL(bundle).href) : require(bundle);
  const loaded = performance.now();
  const loadedUs = Number(process.hrtime.bigint() / 1000n);
  // Lambda hands the event to the runtime and to the registered extensions at once.
  const extension = api.registered();
  if (extension) api.deliver(context.awsRequestId);
  const response = await mod[exportName](event, context);
  const invoked = performance.now();
  if (extension) await invocationDone;
  const done = performance.now();
  process.stdout.write(
    `${JSON.stringify({
      bootMs: started,
      loadMs: loaded - started,
      invokeMs: invoked - loaded,
      afterResponseMs: done - invoked,
      statusCode: response && response.statusCode,
      // On the clock of V8's CPU profiles, for a profile of the load (load-profile.ts).
      loadWindowUs: [startedUs, loadedUs],
    })}\n`,
    () => process.exit(0),
  );
})().catch((error) => {
  process.stderr.write(`${(error && error.stack) || error}\n`);
  process.exit(1);
});
