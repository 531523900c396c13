import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Copies a function's bundle where no node_modules can be found and imports it in a fresh Node
 * process with only `env`: what its module's `handler` export is (`function` when the bundle
 * left nothing external and its cold start succeeds).
 */
export function handlerTypeOfBundleAlone(bundlePath: string, env: Readonly<Record<string, string>>): string {
  const outside = mkdtempSync(join(tmpdir(), 'userprofile-bundle-'));
  try {
    const copy = join(outside, 'index.mjs');
    copyFileSync(bundlePath, copy);
    return execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(copy)}); process.stdout.write(typeof m.handler);`,
      ],
      {
        cwd: outside,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'eu-west-1',
          ...env,
        },
      },
    );
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
}
