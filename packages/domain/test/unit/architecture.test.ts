import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The same rules `pnpm lint` enforces, run here too so the test suite itself fails when the
// domain stops being pure, and so we can prove the rules bite.
const repoRoot = resolve(__dirname, '../../../..');
const depcruise = join(repoRoot, 'node_modules/.bin/depcruise');
const config = join(repoRoot, '.dependency-cruiser.cjs');

function cruise(cwd: string): { exitCode: number; output: string } {
  try {
    const output = execFileSync(depcruise, ['packages', '--config', config, '--output-type', 'err'], {
      cwd,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { exitCode: 0, output };
  } catch (error) {
    const failure = error as { status: number; stdout: string; stderr: string };
    return { exitCode: failure.status, output: failure.stdout + failure.stderr };
  }
}

describe('architecture rules', () => {
  it('find no violation in this repository', () => {
    const { exitCode, output } = cruise(repoRoot);
    expect(output).not.toMatch(/error /);
    expect(exitCode).toBe(0);
  });

  describe('on a domain that imports infrastructure', () => {
    let sandbox: string;

    beforeAll(() => {
      sandbox = mkdtempSync(join(tmpdir(), 'domain-purity-'));
      copyFileSync(join(repoRoot, 'tsconfig.base.json'), join(sandbox, 'tsconfig.base.json'));
      mkdirSync(join(sandbox, 'packages/domain/src'), { recursive: true });
      mkdirSync(join(sandbox, 'packages/adapters-aws/src'), { recursive: true });
      writeFileSync(join(sandbox, 'packages/adapters-aws/src/index.ts'), 'export const adapter = 1;\n');
      writeFileSync(
        join(sandbox, 'packages/domain/src/leaky.ts'),
        [
          "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
          "import { injectable } from 'inversify';",
          "import { adapter } from '../../adapters-aws/src';",
          "import { readFileSync } from 'node:fs';",
          'export const leak = [DynamoDBClient, injectable, adapter, readFileSync];',
        ].join('\n'),
      );
    });

    afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

    it('fail, naming each forbidden import', () => {
      const { exitCode, output } = cruise(sandbox);

      expect(exitCode).not.toBe(0);
      expect(output).toMatch(/domain-stays-pure: packages\/domain\/src\/leaky\.ts → @aws-sdk\/client-dynamodb/);
      expect(output).toMatch(/domain-stays-pure: packages\/domain\/src\/leaky\.ts → inversify/);
      expect(output).toMatch(
        /domain-stays-pure: packages\/domain\/src\/leaky\.ts → packages\/adapters-aws\/src\/index\.ts/,
      );
      expect(output).toMatch(/domain-no-node-io: packages\/domain\/src\/leaky\.ts → fs/);
    });
  });
});
