/** One cold start: a fresh `node` running child.cjs, which loads one bundle and invokes it once. */
import { spawn } from 'node:child_process';
import path from 'node:path';

const CHILD = path.join(__dirname, 'child.cjs');

export interface Sample {
  readonly loadMs: number;
  readonly invokeMs: number;
  readonly totalMs: number;
  /** From the parent's spawn to the first response: Node's own start-up, the load and the first invoke. */
  readonly wholeMs: number;
}

/** One cold start in a fresh `node` (with `nodeArgs` before the child script, e.g. `--cpu-prof`). */
export const runChild = (
  variant: { readonly id: string; readonly bundleFile: string; readonly handlerExport: string },
  env: NodeJS.ProcessEnv,
  nodeArgs: readonly string[] = [],
): Promise<Sample & { statusCode: number; loadWindowUs: readonly [number, number] }> =>
  new Promise((resolve, reject) => {
    const spawnedUs = Number(process.hrtime.bigint() / 1000n);
    const child = spawn(process.execPath, [...nodeArgs, CHILD, variant.bundleFile, variant.handlerExport], {
      env,
      cwd: path.dirname(variant.bundleFile),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      // The handler's own log lines share stdout; the measurement is the line with `loadMs`.
      const line = stdout.split('\n').find((l) => l.startsWith('{"bootMs"'));
      if (code !== 0 || !line) {
        return reject(new Error(`${variant.id} (${variant.bundleFile}) failed (exit ${code}): ${stderr.slice(-1500)}`));
      }
      const r = JSON.parse(line) as {
        loadMs: number;
        invokeMs: number;
        respondedUs: number;
        statusCode: number;
        loadWindowUs: [number, number];
      };
      resolve({
        loadMs: r.loadMs,
        invokeMs: r.invokeMs,
        totalMs: r.loadMs + r.invokeMs,
        wholeMs: (r.respondedUs - spawnedUs) / 1000,
        statusCode: r.statusCode,
        loadWindowUs: r.loadWindowUs,
      });
    });
  });
