/**
 * The engines every measurement runs against, started once per `pnpm bench` on loopback:
 * dynalite in its own process, and moto for every other AWS service the cold starts reach (SSM,
 * Secrets Manager, CloudWatch Logs, Cognito, EventBridge).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynaliteProcess } from '@userprofile/local-server/dynalite-launcher';

/** Credentials and region the SDK needs to sign requests; nothing here reaches AWS. */
export const DUMMY_AWS_ENV = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
} as const;

/**
 * The environment for a child process that is not part of the harness (`pnpm synth`, the
 * capacity bench): without the tsx settings the harness itself runs under.
 */
export const foreignEnv = (): NodeJS.ProcessEnv => {
  const { TSX_TSCONFIG_PATH: _ignored, ...env } = process.env;
  return env;
};

export interface Engine {
  readonly endpoint: string;
  stop(): Promise<void>;
}

const stopChild = (child: ChildProcess) => (): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/**
 * dynalite in memory, in a child process so that the process being measured does not also pay
 * for the store's work; started by the local server's launcher, with the settings it runs with.
 */
export const startDynalite = (): Promise<Engine> => startDynaliteProcess();

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** moto's server (preinstalled Python): the services beyond DynamoDB the functions reach, on one endpoint. */
export const startMoto = async (): Promise<Engine> => {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`moto (python3 -m moto.server) exited: ${stderr.slice(-500)}`);
    try {
      await fetch(`${endpoint}/moto-api/`);
      return { endpoint, stop: stopChild(child) };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill('SIGTERM');
  throw new Error('moto (python3 -m moto.server) did not start within 20 s');
};

/** A low-level client for the engine, with the SDK's defaults otherwise. */
export const dynamoDbClient = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: DUMMY_AWS_ENV.AWS_REGION,
    credentials: { accessKeyId: DUMMY_AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: DUMMY_AWS_ENV.AWS_SECRET_ACCESS_KEY },
  });

export const documentClient = (client: DynamoDBClient): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
