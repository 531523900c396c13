import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';

import { COMMITTED_OPENAPI_PATH } from '../../../src/openapi/committed-openapi';

const REPOSITORY_ROOT = resolve(dirname(COMMITTED_OPENAPI_PATH), '..');
const REDOCLY_CLI = resolve(dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');

interface LintProblem {
  readonly ruleId: string;
  readonly severity: 'error' | 'warn';
  readonly message: string;
  readonly location?: readonly { readonly pointer?: string }[];
}

interface LintReport {
  readonly totals: { readonly errors: number; readonly warnings: number; readonly ignored: number };
  readonly problems: readonly LintProblem[];
}

describe('docs/openapi.json under Redocly lint (redocly.yaml: the recommended rules)', () => {
  it('has no errors', () => {
    // Prepare: offline, as every build machine is; redocly.yaml turns telemetry off too.
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true' };

    // Act
    const run = spawnSync(process.execPath, [REDOCLY_CLI, 'lint', '--format=json'], {
      cwd: REPOSITORY_ROOT,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });

    // Assess: the problems themselves when it fails, not only a count.
    if (run.error) throw run.error;
    const report = JSON.parse(run.stdout) as LintReport;
    const listed = report.problems
      .map(
        (problem) => `${problem.severity} ${problem.ruleId} at ${problem.location?.[0]?.pointer}: ${problem.message}`,
      )
      .join('\n');
    if (report.totals.errors > 0) throw new Error(`Redocly found ${report.totals.errors} error(s):\n${listed}`);
    expect(report.totals.errors).toBe(0);
  }, 60_000);
});
