import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { folderOf, ROUTES } from '../../../src/routes';

const ROUTES_DIR = join(__dirname, '../../../src/routes');
const folders = readdirSync(ROUTES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const rowFolders = [...new Set(ROUTES.map((route) => folderOf(route.functionName)))];

describe('route folders (src/routes/<route>/)', () => {
  it('has a folder for every function of the route table', () => {
    // Assess
    expect(rowFolders.filter((folder) => !folders.includes(folder))).toEqual([]);
  });

  it('has a row in the route table for every folder', () => {
    // Assess
    expect(folders.filter((folder) => !rowFolders.includes(folder))).toEqual([]);
  });

  it.each(folders)('%s holds handler.ts and lambda.ts', (folder) => {
    // Assess
    const missing = ['handler.ts', 'lambda.ts'].filter((file) => !existsSync(join(ROUTES_DIR, folder, file)));
    expect(missing).toEqual([]);
  });

  it.each(ROUTES.map((route) => [route.method, route.path, route.entry]))(
    "%s %s: its entry is its folder's lambda.ts, which exports `handler`",
    (_method, _path, entry) => {
      // Prepare
      const file = join(ROUTES_DIR, '..', entry);

      // Assess
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file, 'utf8')).toMatch(/^export const handler = /m);
    },
  );

  it.each(ROUTES.filter((route) => route.body).map((route) => [route.functionName, route.body]))(
    '%s: a row with a body (%s) has body.ts in its folder',
    (functionName) => {
      // Assess
      expect(existsSync(join(ROUTES_DIR, folderOf(functionName as string), 'body.ts'))).toBe(true);
    },
  );
});
