import { startDynalite, type RunningEngine } from './dynalite-server';

/** dynalite and a client on it, for the enclosing `describe`. */
export interface DynaliteClient<Client> {
  readonly client: Client;
  readonly endpoint: string;
}

/**
 * Starts dynalite in this process before the enclosing `describe`'s tests, connects a client
 * with `connect`, and stops both after them. Read `client`/`endpoint` inside tests and hooks,
 * not at collection.
 */
export function useDynalite<Client extends { destroy(): void }>(
  connect: (endpoint: string) => Client,
): DynaliteClient<Client> {
  let engine: RunningEngine | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    engine = await startDynalite();
    client = connect(engine.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await engine?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('dynalite is not started: read it inside a test or hook');
    return value;
  };
  return {
    get client() {
      return started(client);
    },
    get endpoint() {
      return started(engine).endpoint;
    },
  };
}
