import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CONTRACT_DIR = join(__dirname, '../../../src/contract');
const PATTERNS = join(__dirname, '../../../../domain/src/user-profile/value-objects/patterns.ts');
const modules = [...readdirSync(CONTRACT_DIR).map((file) => join(CONTRACT_DIR, file)), PATTERNS];

describe('shared-fact modules', () => {
  // The CDK app loads these at synth time: an import would drag a runtime dependency in.
  it.each(modules)('%s imports nothing', (file) => {
    // Act
    const source = readFileSync(file, 'utf8');

    // Assess
    expect(source).not.toMatch(/^\s*import\b|\brequire\(|\bimport\(/m);
  });
});
