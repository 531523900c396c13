import { createBusProbe, type BusProbe } from './bus-probe';
import { startDynalite, type RunningEngine } from './dynalite-server';
import { setUpClientConfig, startMoto } from './moto-server';
import { MOTO_SERVICES, type MotoServiceClients, type MotoServiceName } from './moto-services';

/** An engine and a client on it, for the enclosing `describe`. */
export interface EngineClient<Client> {
  readonly client: Client;
  readonly endpoint: string;
}

const ready = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`${what} is not started: read it inside a test or hook`);
  return value;
};

/**
 * Starts an engine with `start` before the enclosing `describe`'s tests, connects a client with
 * `connect`, and stops both after them. Read `client`/`endpoint` inside tests and hooks, not at
 * collection.
 */
function useEngine<Client extends { destroy(): void }>(
  name: string,
  start: () => Promise<RunningEngine>,
  connect: (endpoint: string) => Client,
  startTimeoutMs?: number,
): EngineClient<Client> {
  let engine: RunningEngine | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    engine = await start();
    client = connect(engine.endpoint);
  }, startTimeoutMs);
  afterAll(async () => {
    client?.destroy();
    await engine?.stop();
  });
  return {
    get client() {
      return ready(client, name);
    },
    get endpoint() {
      return ready(engine, name).endpoint;
    },
  };
}

/** dynalite in this process and a client on it, for the enclosing `describe` (see `useEngine`). */
export const useDynalite = <Client extends { destroy(): void }>(
  connect: (endpoint: string) => Client,
): EngineClient<Client> => useEngine('dynalite', startDynalite, connect);

/** moto and a client on it, for the enclosing `describe`; a cold moto may take a while to start. */
export const useMoto = <Client extends { destroy(): void }>(
  connect: (endpoint: string) => Client,
): EngineClient<Client> => useEngine('moto', startMoto, connect, 90_000);

/** One AWS service on moto, for the enclosing `describe`: the client under test and a set-up client. */
export interface MotoService<Client, SetUp = Client> extends EngineClient<Client> {
  /** The client tests arrange fixtures with: each call sent once and waited for long (see `setUpClientConfig`). */
  readonly setUp: SetUp;
}

/**
 * moto and two clients of one service on it, for the enclosing `describe` (see `useEngine`): the
 * client under test, as `connect` makes it, and a set-up client; the service is warmed up first.
 */
export function useMotoService<Name extends MotoServiceName, Client extends { destroy(): void }>(
  service: Name,
  connect: (endpoint: string) => Client,
): MotoService<Client, MotoServiceClients[Name]> {
  const { setUpClient, warmUp } = MOTO_SERVICES[service];
  const moto = useMoto((endpoint) => {
    const pair = { client: connect(endpoint), setUp: setUpClient(setUpClientConfig(endpoint)) };
    return { ...pair, destroy: () => [pair.client, pair.setUp].forEach((client) => client.destroy()) };
  });
  beforeAll(() => warmUp(moto.client.setUp), 60_000);
  return {
    get client() {
      return moto.client.client;
    },
    get setUp() {
      return moto.client.setUp;
    },
    get endpoint() {
      return moto.endpoint;
    },
  };
}

/** A fresh bus probe on `moto` for each test of the enclosing `describe`. */
export function useBusProbe(moto: { readonly endpoint: string }): { readonly probe: BusProbe } {
  let probe: BusProbe | undefined;
  beforeEach(async () => {
    probe = await createBusProbe(moto.endpoint);
  }, 60_000);
  afterEach(() => probe?.destroy());
  return {
    get probe() {
      return ready(probe, 'the bus probe');
    },
  };
}
