/**
 * The store-fault scenario, run as its own process by store-faults.test.ts (`node --import tsx`):
 * plain Node, as the service runs, and a process that ends when the scenario does, whatever
 * sockets a cut network leaves behind. Prints one JSON line of findings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CANARY, captureProcessLogs, startDynaliteProcess } from '@userprofile/testing';

import { routeOf } from '../../../src/routes';
import { anEvent } from '../../unit/support/api-gateway-event.mother';
import type { TestResponse } from '../../unit/support/route-sender';
import { contractViolations } from './contract';
import { createStoreApp, type StoreApp } from './store-app';
import { TcpProxy } from './tcp-proxy';

export const WORKERS = 8;

interface Outcome {
  readonly userId: string;
  readonly response: TestResponse;
  readonly ms: number;
  /** The load's phase when the request was sent, and when its answer came. */
  readonly phase: string;
  readonly endPhase: string;
}

/** Resolves once `predicate` holds after some outcome: the load drives the test, not a timer. */
class Load {
  private readonly waiters: { predicate: () => boolean; resolve: () => void }[] = [];
  readonly outcomes: Outcome[] = [];
  phase = 'healthy';
  private running = true;
  private sequence = 0;

  constructor(private readonly app: StoreApp) {}

  acknowledged = (): Outcome[] => this.outcomes.filter((outcome) => outcome.response.status === 201);
  failed = (): Outcome[] => this.outcomes.filter((outcome) => outcome.response.status !== 201);

  until(predicate: () => boolean): Promise<void> {
    return predicate() ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }

  run(): Promise<void> {
    return Promise.all(Array.from({ length: WORKERS }, () => this.worker())).then(() => undefined);
  }

  stop(): void {
    this.running = false;
  }

  private async worker(): Promise<void> {
    while (this.running) {
      this.sequence += 1;
      const userId = `fault-${this.sequence}`;
      const phase = this.phase;
      const started = performance.now();
      const response = await this.app.send(
        anEvent('POST', '/users')
          .by({ sub: userId, email: CANARY.email })
          .withJson({
            email: CANARY.email,
            firstName: CANARY.firstName,
            lastName: CANARY.lastName,
            phoneNumber: CANARY.phoneNumber,
          })
          .build(),
      );
      this.outcomes.push({ userId, response, ms: performance.now() - started, phase, endPhase: this.phase });
      for (const waiter of [...this.waiters]) {
        if (waiter.predicate()) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    }
  }
}

async function main(): Promise<void> {
  const logs = captureProcessLogs();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'reliability-faults-'));
  let store = await startDynaliteProcess(path.join(dataDir, 'dynamodb'));
  const proxy = await TcpProxy.start(store.port);
  // The product's own client settings (timeouts, attempts): the test's bound is derived from them.
  const app = await createStoreApp(proxy.endpoint);
  const load = new Load(app);
  const running = load.run();
  await load.until(() => load.acknowledged().length >= 40);

  // 1: the store process is killed (connections are refused), then comes back on the same files.
  load.phase = 'store stopped';
  await store.stop();
  await load.until(() => load.failed().length >= 2 * WORKERS);
  store = await startDynaliteProcess(path.join(dataDir, 'dynamodb'));
  proxy.retarget(store.port);
  load.phase = 'recovered';
  const ackedBefore = load.acknowledged().length;
  await load.until(() => load.acknowledged().length >= ackedBefore + 40);

  // 2: the network to the store goes silent (nothing answers, nothing resets), then mends.
  load.phase = 'network cut';
  proxy.blackhole();
  const failedBefore = load.failed().length;
  await load.until(() => load.failed().length >= failedBefore + 2 * WORKERS);
  proxy.restore();
  load.phase = 'recovered again';
  const ackedAgain = load.acknowledged().length;
  await load.until(() => load.acknowledged().length >= ackedAgain + 40);
  load.stop();
  await running;

  const missing = async (): Promise<string[]> => {
    const gone: string[] = [];
    for (const { userId, response } of load.acknowledged()) {
      const item = JSON.parse((await app.rawItem(userId)) ?? '{}') as Record<string, { S?: string }>;
      if (item.createdAt?.S !== response.body?.createdAt) gone.push(userId);
    }
    return gone;
  };
  const missingAfterRecovery = await missing();
  await store.stop();
  store = await startDynaliteProcess(path.join(dataDir, 'dynamodb'));
  proxy.retarget(store.port);
  const missingAfterRestart = await missing();
  app.destroy();
  await proxy.stop();
  await store.stop();
  rmSync(dataDir, { recursive: true, force: true });
  const scan = logs.stop();

  const failures = load.failed();
  const findings = {
    requests: load.outcomes.length,
    acknowledged: load.acknowledged().length,
    failureStatuses: [...new Set(failures.map((outcome) => outcome.response.status))],
    violations: failures.flatMap((outcome) => contractViolations(routeOf('POST', '/users')!, outcome.response.raw)),
    failedWhileHealthy: failures.filter(
      (outcome) => outcome.phase === outcome.endPhase && !['store stopped', 'network cut'].includes(outcome.phase),
    ).length,
    failedPerOutage: {
      storeStopped: failures.filter((o) => o.phase === 'store stopped').length,
      networkCut: failures.filter((o) => o.phase === 'network cut').length,
    },
    maxFailureMs: Math.round(Math.max(...failures.map((outcome) => outcome.ms))),
    missingAfterRecovery,
    missingAfterRestart,
    logLines: scan.lines,
    canaryHits: scan.hits,
    canarySamples: scan.samples,
  };
  process.stdout.write(`${JSON.stringify(findings)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`the fault scenario failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
