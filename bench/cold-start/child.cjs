// One cold start: a fresh Node process loads one bundle and invokes its handler once, as the
// Lambda runtime would. Plain CommonJS with nothing imported but Node's own modules, so the
// harness adds nothing to what is measured. Prints one JSON line and exits (the SDK's
// keep-alive sockets would otherwise hold the process open).
const { performance } = require('node:perf_hooks');
const { pathToFileURL } = require('node:url');

const [bundle, exportName = 'handler'] = process.argv.slice(2);
const event = JSON.parse(process.env.BENCH_EVENT);
const context = JSON.parse(process.env.BENCH_CONTEXT);
context.getRemainingTimeInMillis = () => 29000;

// Microseconds on the monotonic clock every process shares, so the parent can time from its spawn.
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

(async () => {
  const startedUs = nowUs();
  const started = performance.now();
  const mod = bundle.endsWith('.mjs') ? await import(pathToFileURL(bundle).href) : require(bundle);
  const loaded = performance.now();
  const loadedUs = nowUs();
  const response = await mod[exportName](event, context);
  const invoked = performance.now();
  const respondedUs = nowUs();
  process.stdout.write(
    `${JSON.stringify({
      bootMs: started,
      loadMs: loaded - started,
      invokeMs: invoked - loaded,
      respondedUs,
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
