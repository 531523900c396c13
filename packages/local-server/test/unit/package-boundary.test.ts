import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const manifestOf = (pkg: string): Record<string, Record<string, string> | undefined> =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../../..', pkg, 'package.json'), 'utf8'));

describe('the local server package boundary', () => {
  it('keeps dynalite a runtime dependency of the local server alone, never of the Lambda package', () => {
    // Prepare
    const lambda = manifestOf('http-lambda');
    const local = manifestOf('local-server');

    // Assess
    expect({ ...lambda.dependencies, ...lambda.devDependencies }).not.toHaveProperty('dynalite');
    expect(local.dependencies).toHaveProperty('dynalite', '4.0.0');
    expect(local.dependencies).toHaveProperty('@userprofile/http-lambda', 'workspace:*');
  });
});
