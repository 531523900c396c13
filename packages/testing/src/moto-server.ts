import { spawn } from 'node:child_process';

import type { RunningEngine } from './dynalite-server';
import { closedPort } from './network-faults';

/**
 * moto's server (`python3 -m moto.server`, preinstalled on our machines) on a free loopback
 * port: the real SSM wire protocol with no AWS account. Resolves once moto says it is
 * serving; fails naming what is missing when python3 or moto is not there.
 */
export async function startMoto(): Promise<RunningEngine> {
  const endpoint = await closedPort();
  const port = new URL(endpoint).port;
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', port], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Werkzeug prints this once the socket is listening.
      if (output.includes(`Running on http://127.0.0.1:${port}`)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) =>
      reject(new Error(`cannot start moto: python3 is missing or not runnable (${error.message})`)),
    );
    child.once('exit', (code) =>
      reject(
        new Error(
          `moto exited (code ${code}) before serving; is it installed (pip install 'moto[server]')?\n${output}`,
        ),
      ),
    );
  });
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Options for a client that sets up fixtures on a local engine (moto): each call is sent once
 * and waited for long, because a busy machine can make a cold moto slow, and a re-sent create
 * would fail as a duplicate.
 */
export const setUpClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  maxAttempts: 1,
  requestHandler: { requestTimeout: 60_000 },
});
