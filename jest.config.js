// One jest run, three projects: `unit` needs nothing, `integration` starts real engines
// in-process (dynalite, moto), `containers` needs a container engine.
/** @type {import('jest').Config['projects'][number]} */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.base.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  rootDir: __dirname,
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      // bench/test/unit holds only the benchmark harness's own statistics; bench itself never runs here.
      testMatch: ['<rootDir>/packages/*/test/unit/**/*.test.ts', '<rootDir>/bench/test/unit/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/packages/*/test/integration/**/*.test.ts'],
    },
    {
      ...shared,
      // Fuzzing, attacks, races and faults against the real handlers (in memory, dynalite, the
      // local server); FUZZ_RUNS sets the runs per route (`pnpm fuzz` raises it).
      displayName: 'reliability',
      testMatch: ['<rootDir>/packages/*/test/reliability/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'containers',
      testMatch: ['<rootDir>/packages/*/test/containers/**/*.test.ts'],
    },
  ],
};
