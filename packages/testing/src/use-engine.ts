import { createBusProbe, type BusProbe } from './bus-probe';
import { startDynalite, type RunningEngine } from './dynalite-server';
import { startMoto } from './moto-server';

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
