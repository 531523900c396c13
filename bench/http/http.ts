/**
 * Bench 4: the local server over HTTP, with keep-alive connections and a concurrent load
 * generator (autocannon): requests/s and p99 for GET and PATCH, against the raw operations/s
 * of a twin of the server's embedded dynalite (in memory, the same options and tables) on
 * loopback: DocumentClient GetItem and conditional UpdateItem, the one call GET and PATCH each
 * make, at the same concurrency, in the same run. Loopback only; every load is bounded in time.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { createDynamoDbDocumentClient, createServiceTables } from '@userprofile/adapters-aws';
import { LOCAL_TABLES } from '@userprofile/local-server';
import { startDynalite, type Engine } from '../lib/engines';
import type { BenchOptions } from '../lib/options';
import type { Report } from '../lib/report';
import { percentile } from '../lib/stats';
import { profileBody } from '../lib/events';
import { rawFirstNameUpdate } from '../lib/raw-calls';
import { profileItem } from '../lib/seed';
import type { ServerChildReady } from './server-child';

const SUITE = 'http';
const CONNECTIONS = 10;
const LOCAL_TABLE = LOCAL_TABLES.profiles;

interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly p50Ms: number;
  readonly requests: number;
  readonly failures: number;
  readonly failureDetail?: unknown;
}

const startServer = (): Promise<{ ready: ServerChildReady; stop: () => Promise<void> }> =>
  new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'server-child.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: path.join(__dirname, '..', 'tsconfig.run.json'),
        BENCH_WRITERS: String(CONNECTIONS),
      },
      // stdout: the access log and the handlers' log lines, one each per request; not shown.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('message', (message) =>
      resolve({
        ready: message as ServerChildReady,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.disconnect();
          }),
      }),
    );
    child.once('exit', (code) =>
      reject(new Error(`local server process exited (code ${code}): ${stderr.slice(-1500)}`)),
    );
  });

/** autocannon against one route; each connection PATCHes its own profile, so writes never race. */
const httpLoad = async (ready: ServerChildReady, kind: 'get' | 'patch', seconds: number): Promise<LoadResult> => {
  let connection = 0;
  const result = await autocannon({
    url: `${ready.url}/users/me`,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    method: kind === 'get' ? 'GET' : 'PATCH',
    headers: { authorization: `Bearer ${ready.tokens.reader}`, 'content-type': 'application/json' },
    ...(kind === 'patch' && { body: JSON.stringify({ firstName: 'Grace' }) }),
    setupClient: (client) => {
      if (kind === 'patch') {
        client.setHeaders({
          authorization: `Bearer ${ready.tokens.writers[connection++ % ready.tokens.writers.length]}`,
          'content-type': 'application/json',
        });
      }
    },
  });
  return {
    requestsPerSecond: result.requests.total / seconds,
    p99Ms: result.latency.p99,
    p50Ms: result.latency.p50,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    failureDetail: {
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes: result.statusCodeStats,
    },
  };
};

/** The same concurrency straight at the store: CONNECTIONS loops of the calls the route makes. */
const rawLoad = async (storeEndpoint: string, kind: 'get' | 'patch', seconds: number): Promise<LoadResult> => {
  const doc = createDynamoDbDocumentClient({ endpoint: storeEndpoint });
  const latencies: number[] = [];
  let failures = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, i) => {
      // Writers of their own: a PATCH still in flight when autocannon stops must not race them.
      const userId = kind === 'get' ? 'http-reader' : `http-raw-writer-${i}`;
      while (Date.now() < deadline) {
        const started = process.hrtime.bigint();
        try {
          // The route's one call: a GetItem, or the conditional UpdateItem a PATCH sends.
          if (kind === 'get') {
            await doc.send(new GetCommand({ TableName: LOCAL_TABLE, Key: { userId }, ConsistentRead: true }));
          } else {
            await doc.send(rawFirstNameUpdate(LOCAL_TABLE, userId, 'Grace'));
          }
        } catch {
          failures += 1;
        }
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  doc.destroy();
  return {
    requestsPerSecond: latencies.length / seconds,
    p99Ms: percentile(latencies, 99),
    p50Ms: percentile(latencies, 50),
    requests: latencies.length,
    failures,
  };
};

/** The server's profiles through its API, and the raw baseline's straight into its twin store. */
const seed = async (ready: ServerChildReady, twin: Engine): Promise<void> => {
  const create = async (token: string, n: string) => {
    const response = await fetch(`${ready.url}/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(profileBody(n)),
    });
    if (response.status !== 201) throw new Error(`seeding the local server: POST /users answered ${response.status}`);
  };
  await create(ready.tokens.reader, 'http-reader');
  for (const [i, token] of ready.tokens.writers.entries()) await create(token, `http-writer-${i}`);
  const doc = createDynamoDbDocumentClient({ endpoint: twin.endpoint });
  await createServiceTables(doc, LOCAL_TABLES);
  await doc.send(new PutCommand({ TableName: LOCAL_TABLE, Item: profileItem('http-reader') }));
  for (let i = 0; i < CONNECTIONS; i += 1) {
    await doc.send(new PutCommand({ TableName: LOCAL_TABLE, Item: profileItem(`http-raw-writer-${i}`, i) }));
  }
  doc.destroy();
};

const combine = (rounds: LoadResult[]): LoadResult => ({
  requestsPerSecond: rounds.reduce((s, r) => s + r.requestsPerSecond, 0) / rounds.length,
  p99Ms: rounds.reduce((s, r) => s + r.p99Ms, 0) / rounds.length,
  p50Ms: rounds.reduce((s, r) => s + r.p50Ms, 0) / rounds.length,
  requests: rounds.reduce((s, r) => s + r.requests, 0),
  failures: rounds.reduce((s, r) => s + r.failures, 0),
  failureDetail: rounds.map((r) => r.failureDetail),
});

export const runHttp = async (options: BenchOptions, report: Report): Promise<void> => {
  // Two rounds per variant in A-B-B-A order, so drift over the run (heat, GC, a growing
  // store) falls on both sides alike.
  const seconds = options.quick ? 1 : 5;
  const { ready, stop } = await startServer();
  const twin = await startDynalite();
  const out: Record<string, LoadResult> = {};
  try {
    await seed(ready, twin);
    for (const kind of ['get', 'patch'] as const) {
      await httpLoad(ready, kind, 1); // warm-up, untimed
      await rawLoad(twin.endpoint, kind, 1);
      const http = [await httpLoad(ready, kind, seconds)];
      const raw = [await rawLoad(twin.endpoint, kind, seconds)];
      raw.push(await rawLoad(twin.endpoint, kind, seconds));
      http.push(await httpLoad(ready, kind, seconds));
      out[`http-${kind}`] = combine(http);
      out[`raw-${kind}`] = combine(raw);
    }
  } finally {
    await Promise.all([stop(), twin.stop()]);
  }
  const label = { get: 'GET /users/me', patch: 'PATCH /users/me' };
  const rawLabel = { get: 'raw GetItem', patch: 'raw conditional UpdateItem' };
  for (const kind of ['get', 'patch'] as const) {
    const http = out[`http-${kind}`]!;
    const raw = out[`raw-${kind}`]!;
    report.add(SUITE, {
      name: `${label[kind]} over HTTP, ${CONNECTIONS} keep-alive connections: requests/s`,
      value: http.requestsPerSecond,
      baselineName: `${rawLabel[kind]} ops/s, twin store`,
      baseline: raw.requestsPerSecond,
      unit: '/s',
      // Issue 13: the local stack serves at least three quarters of what the store alone does.
      goalMin: 0.75,
    });
    report.add(SUITE, {
      name: `${label[kind]} over HTTP: p99 latency`,
      value: http.p99Ms,
      baselineName: `${rawLabel[kind]} p99`,
      baseline: raw.p99Ms,
      unit: 'ms',
    });
    report.check(SUITE, {
      name: `${label[kind]}: failed requests (non-2xx, errors, time-outs)`,
      value: http.failures + raw.failures,
      expected: 0,
    });
  }
  report.note(
    'http: requests/s goal (issue 13) >= 0.75x of the raw store. The server is one Node process doing what API Gateway, the authorizer and ' +
      'Lambda do in AWS (HTTP parsing, the token check, cached until the token expires, the handler, one access-log line) ' +
      'plus the SDK client, on one thread, and the embedded dynalite on a thread of its own, which it calls without a socket. ' +
      'The raw baseline is a twin of that store (in memory, the same options and tables) in a process of its own on loopback: ' +
      'its side does only HTTP parsing and dynalite, and the SDK client work runs in the bench process. The ratio is the price ' +
      'of the whole local stack, not of the handlers alone.',
  );
  report.detail('http', { connections: CONNECTIONS, secondsPerRound: seconds, rounds: 2, results: out });
};
