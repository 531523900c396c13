import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import {
  GenericContainer,
  getContainerRuntimeClient,
  ImageName,
  Wait,
  type StartedTestContainer,
} from 'testcontainers';
import { type RunningEngine } from '@userprofile/testing';

import { createDynamoDbDocumentClient } from '../../../src';
import { DEFAULT_DYNAMODB_TEST_IMAGE, dynamoDbContainerSpec } from './container-spec';

export { DEFAULT_DYNAMODB_TEST_IMAGE } from './container-spec';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const SETUP_SCRIPT = 'scripts/container-engine/setup.sh';
const BUILD_SCRIPT = path.join(REPO_ROOT, 'scripts/container-engine/dynalite-image/build.sh');
const PODMAN_SOCKET = '/run/podman/podman.sock';
const DOCKER_SOCKET = '/var/run/docker.sock';

/** The image to test against and how to run it (see dynamoDbContainerSpec). */
export const dynamoDbTestImage = () => dynamoDbContainerSpec();

/**
 * Points testcontainers at a container engine and proves it answers. Without DOCKER_HOST it
 * uses the podman socket that scripts/container-engine/setup.sh starts, with the settings our
 * machines need (no Ryuk: its image cannot be pulled; loopback only). Throws an error naming
 * what is missing when there is no engine.
 */
export async function connectToContainerEngine(): Promise<void> {
  if (!process.env.DOCKER_HOST && existsSync(PODMAN_SOCKET)) {
    process.env.DOCKER_HOST = `unix://${PODMAN_SOCKET}`;
    process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
    process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
  }
  const missing =
    !process.env.DOCKER_HOST && !existsSync(DOCKER_SOCKET)
      ? `no container engine: DOCKER_HOST is not set and neither ${PODMAN_SOCKET} nor ${DOCKER_SOCKET} exists`
      : undefined;
  try {
    if (missing) throw new Error(missing);
    await getContainerRuntimeClient();
  } catch (error) {
    throw new Error(
      `The container tests need a Docker-API container engine, and none answered ` +
        `(${missing ?? (error as Error).message}; DOCKER_HOST=${process.env.DOCKER_HOST ?? '(unset)'}).\n` +
        `Set one up with \`${SETUP_SCRIPT}\` (podman, as root), or start Docker. ` +
        `To skip these tests knowingly, set SKIP_CONTAINER_TESTS=1.`,
    );
  }
}

const hasPodmanCli = (): boolean => {
  try {
    execFileSync('podman', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/**
 * Makes sure our dynalite image exists and matches this checkout: with the podman CLI, the
 * offline build (a no-op when the image is current); without it, an existing image is used.
 * Another image (DYNAMODB_TEST_IMAGE) is left to the engine, which pulls it if needed.
 */
export async function ensureImage(image: string): Promise<void> {
  if (image !== DEFAULT_DYNAMODB_TEST_IMAGE) return;
  const podman = hasPodmanCli();
  if (!podman && (await (await getContainerRuntimeClient()).image.exists(ImageName.fromString(image)))) return;
  try {
    execFileSync(BUILD_SCRIPT, { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    throw new Error(
      `The test image ${image} is missing and building it offline failed (${(error as Error).message}). ` +
        `The offline build needs the podman CLI (${SETUP_SCRIPT} installs it); with a registry, ` +
        `\`docker build -t ${image} -f Containerfile scripts/container-engine/dynalite-image\` makes the same image.`,
    );
  }
}

/** A DynamoDB-compatible engine in a container, reachable on a loopback port. */
export async function startDynamoDbContainer(): Promise<RunningEngine> {
  const { image, port, command } = dynamoDbTestImage();
  await ensureImage(image);
  const definition = new GenericContainer(image).withExposedPorts(port);
  if (command) definition.withCommand([...command]);
  const container: StartedTestContainer = await definition
    // Our image says when it serves; for another image, an open port is the best sign.
    .withWaitStrategy(
      image === DEFAULT_DYNAMODB_TEST_IMAGE ? Wait.forLogMessage(/dynalite listening/) : Wait.forListeningPorts(),
    )
    .withStartupTimeout(60_000)
    .start();
  return {
    endpoint: `http://${container.getHost()}:${container.getMappedPort(port)}`,
    stop: async () => {
      await container.stop({ timeout: 5_000 });
    },
  };
}

/**
 * Before the enclosing `describe`'s tests: connects to the container engine, starts the DynamoDB
 * container and a document client on it; after them, stops both. Read `client` inside tests.
 */
export function useDynamoDbContainer(): {
  readonly client: ReturnType<typeof createDynamoDbDocumentClient>;
  /** Stops the container now, as an outage would; the client stays. */
  stopEngine(): Promise<void>;
} {
  let engine: RunningEngine | undefined;
  let client: ReturnType<typeof createDynamoDbDocumentClient> | undefined;
  beforeAll(async () => {
    await connectToContainerEngine();
    engine = await startDynamoDbContainer();
    client = createDynamoDbDocumentClient({ endpoint: engine.endpoint });
  }, 120_000);
  afterAll(async () => {
    client?.destroy();
    await engine?.stop();
  }, 30_000);
  return {
    get client() {
      if (client === undefined) throw new Error('the DynamoDB container is not started: read it inside a test or hook');
      return client;
    },
    stopEngine: async () => {
      const stopping = engine;
      engine = undefined;
      await stopping?.stop();
    },
  };
}
