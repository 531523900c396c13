import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { createDynamoDbDocumentClient } from '../../src';
import { startDynalite, type RunningEngine } from './dynalite-server';

/** dynalite and a document client on it, for the enclosing `describe`. */
export interface DynaliteClient {
  readonly client: DynamoDBDocumentClient;
  readonly endpoint: string;
}

/**
 * Starts dynalite in this process before the enclosing `describe`'s tests and stops it (and
 * the client) after them. Read `client`/`endpoint` inside tests and hooks, not at collection.
 */
export function useDynaliteClient(): DynaliteClient {
  let engine: RunningEngine | undefined;
  let client: DynamoDBDocumentClient | undefined;
  beforeAll(async () => {
    engine = await startDynalite();
    client = createDynamoDbDocumentClient({ endpoint: engine.endpoint });
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
