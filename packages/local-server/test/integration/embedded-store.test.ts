import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient, createServiceTables } from '@userprofile/adapters-aws';
import { embeddedStore, StoreClosedError, StoreStoppedError, type EmbeddedStore } from '../../src/embedded-store';
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
    const store = embeddedStore({});
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
    const first = embeddedStore({ path: folder });
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

  it('tells every call why, when its thread ends because LevelDB cannot open the folder', async () => {
    // Prepare: a file where the store's folder should be
    const folder = path.join(dataDir, 'dynamodb');
    writeFileSync(folder, '');
    const store = embeddedStore({ path: folder });
    const client = open(store);

    // Act: calls sent at once, while the folder is being opened, and one after the thread has ended
    const atOnce = await Promise.all(
      ['a', 'b', 'c'].map((userId) =>
        client.send(new GetCommand({ TableName: TABLE, Key: { userId } })).then(
          () => undefined,
          (error: unknown) => error,
        ),
      ),
    );
    const later = client.send(new GetCommand({ TableName: TABLE, Key: { userId: 'd' } }));

    // Assess
    for (const error of [...atOnce, await later.catch((error: unknown) => error)]) {
      expect(error).toBeInstanceOf(StoreStoppedError);
      expect((error as StoreStoppedError).reason).toBe(`LevelDB: EEXIST: file already exists, mkdir '${folder}'`);
    }
    client.destroy();
    await expect(store.close()).resolves.toBeUndefined();
  });
});
