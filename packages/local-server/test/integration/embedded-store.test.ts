import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient, createServiceTables } from '@userprofile/adapters-aws';
import { embeddedStore, StoreClosedError, type EmbeddedStore } from '../../src/embedded-store';
import { LOCAL_TABLES } from '../../src/local-settings';

const TABLE = LOCAL_TABLES.profiles;

const open = (store: EmbeddedStore) =>
  createDynamoDbDocumentClient({ endpoint: 'http://embedded-store.invalid', inProcessEngine: store.requestHandler });

describe('the embedded store on its own thread', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'userprofile-embedded-store-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('gives each of many concurrent calls its own answer', async () => {
    // Prepare
    const store = embeddedStore({ createTableMs: 0 });
    const client = open(store);
    await createServiceTables(client, LOCAL_TABLES);
    const ids = Array.from({ length: 64 }, (_, i) => `user-${i}`);
    await Promise.all(ids.map((userId, n) => client.send(new PutCommand({ TableName: TABLE, Item: { userId, n } }))));

    // Act
    const items = await Promise.all(
      ids.map((userId) => client.send(new GetCommand({ TableName: TABLE, Key: { userId }, ConsistentRead: true }))),
    );

    // Assess
    expect(items.map((answer) => answer.Item)).toEqual(ids.map((userId, n) => ({ userId, n })));
    client.destroy();
    await store.close();
  });

  it('keeps every write answered before close on disk, and refuses calls once closed', async () => {
    // Prepare
    const folder = path.join(dataDir, 'dynamodb');
    const first = embeddedStore({ path: folder, createTableMs: 0 });
    const writer = open(first);
    await createServiceTables(writer, LOCAL_TABLES);
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        writer.send(new PutCommand({ TableName: TABLE, Item: { userId: `u${n}`, n } })),
      ),
    );

    // Act
    await first.close();
    const refused = writer.send(new GetCommand({ TableName: TABLE, Key: { userId: 'u0' } }));
    const second = embeddedStore({ path: folder });
    const reader = open(second);
    const reread = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        reader.send(new GetCommand({ TableName: TABLE, Key: { userId: `u${n}` }, ConsistentRead: true })),
      ),
    );

    // Assess
    await expect(refused).rejects.toBeInstanceOf(StoreClosedError);
    expect(reread.map((answer) => answer.Item?.n)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    writer.destroy();
    reader.destroy();
    await second.close();
  });
});
