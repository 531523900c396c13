// One jest run, three projects: `unit` needs nothing, `integration` starts real engines
// in-process (dynalite, moto), `containers` needs a container engine.
/** @type {import('jest').Config['projects'][number]} */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.base.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  rootDir: __dirname,
};

// The one way to run without a container engine is to say so: the containers project then
// finds no test files, and this banner makes sure nobody mistakes that for a pass.
const containersOptedOut = ['1', 'true'].includes(process.env.SKIP_CONTAINER_TESTS ?? '');
if (containersOptedOut) {
  const line = '!'.repeat(78);
  console.warn(
    `${line}\n  CONTAINER TESTS NOT RUN: SKIP_CONTAINER_TESTS=${process.env.SKIP_CONTAINER_TESTS} was set.\n` +
      `  The repository contract was NOT checked against a DynamoDB engine in a container.\n${line}`,
  );
}

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
      ...(containersOptedOut && { testPathIgnorePatterns: ['/test/containers/'] }),
    },
  ],
};
