// Every workspace script runs on the Node the functions run (nodejs24.x). pnpm puts the
// workspace's own Node (the `node-linux-*` package pinned in the lockfile) first on PATH;
// where no such package exists for the platform (macOS), the machine's Node must be 24.
import { readFileSync } from 'node:fs';

const wanted = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node;
const major = Number(process.versions.node.split('.')[0]);
const wantedMajor = Number(/>=\s*(\d+)/.exec(wanted)?.[1]);

if (major !== wantedMajor) {
  console.error(
    `This workspace runs on Node ${wantedMajor} (package.json engines: "${wanted}"), and this is Node ${process.version} ` +
      `(${process.execPath}).\nOn Linux x64/arm64, \`pnpm install\` brings it; on macOS, install Node ${wantedMajor} ` +
      `first (for example \`brew install node@${wantedMajor}\` and put it first on PATH).`,
  );
  process.exit(1);
}
if (process.argv.includes('--report')) console.log(`node ${process.version} (${process.execPath})`);
