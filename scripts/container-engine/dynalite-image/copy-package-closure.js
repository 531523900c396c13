// Copies a package and everything it depends on, transitively, into DEST/node_modules as
// plain folders. The image cannot use pnpm's symlinked layout (links point outside the
// rootfs), and bundling does not work for dynalite (it requires its actions by computed path).
// Usage: node copy-package-closure.js <package name> <folder to resolve it from> <DEST>
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [name, resolveFrom, dest] = process.argv.slice(2);
if (!name || !resolveFrom || !dest) {
  console.error('usage: node copy-package-closure.js <package> <resolve-from-dir> <dest>');
  process.exit(2);
}

/** Node's lookup: `node_modules/<name>` in `fromDir` or any parent, as a real path. */
function findPackageDir(pkg, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', pkg);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (dir === path.dirname(dir)) return undefined;
  }
}

const readManifest = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));

/**
 * Places `pkg` (found from `sourceFrom`) under `targetModules`, hoisted to the top level when
 * that slot is free or holds the same version, else nested beside the package that needs it.
 */
function place(pkg, sourceFrom, nestedModules, optional) {
  const source = findPackageDir(pkg, sourceFrom);
  if (!source) {
    if (optional) return;
    throw new Error(`cannot find ${pkg} from ${sourceFrom}`);
  }
  const { version } = readManifest(source);
  const topLevel = path.join(dest, 'node_modules', pkg);
  let target = topLevel;
  if (fs.existsSync(topLevel)) {
    if (readManifest(topLevel).version === version) return;
    target = path.join(nestedModules, pkg);
    if (fs.existsSync(target)) return;
  }
  fs.cpSync(source, target, {
    recursive: true,
    dereference: true,
    // Its own node_modules are pnpm links; dependencies are placed one by one below.
    filter: (from) => !path.relative(source, from).split(path.sep).includes('node_modules'),
  });
  const manifest = readManifest(source);
  for (const dep of Object.keys(manifest.dependencies ?? {}))
    place(dep, source, path.join(target, 'node_modules'), false);
  for (const dep of Object.keys(manifest.optionalDependencies ?? {}))
    place(dep, source, path.join(target, 'node_modules'), true);
}

place(name, path.resolve(resolveFrom), path.join(dest, 'node_modules'), false);
