// Architecture rules, enforced in `pnpm lint` (and so in `pnpm test` and CI).

/** The layering: what code under one path (the first pattern) never imports (the second), by rule name. */
const NEVER_IMPORTS = {
  // Adapters implement domain ports; they know nothing of the HTTP layer or the CDK app.
  'adapters-do-not-know-http': ['^packages/adapters-aws/src', '^packages/(http-lambda|local-server|infra)/'],
  // The stream handler is its own driving adapter: it shares the domain and the AWS adapters, not the
  // HTTP layer or the CDK app.
  'stream-lambda-stands-alone': ['^packages/stream-lambda/src', '^packages/(http-lambda|infra)/'],
  // The service's code runs the service; the CDK app deploys it and is never part of it.
  'http-does-not-know-infra': ['^packages/(http-lambda|local-server)/src', '^packages/infra/'],
  // The Lambda package ships to AWS; the local server (and its dynalite) is a developer tool built on
  // it, never the reverse.
  'lambda-does-not-know-the-local-server': ['^packages/http-lambda/', '^packages/local-server/'],
  // dynalite is a runtime dependency of the local server alone; other packages use it in tests only.
  'only-the-local-server-embeds-a-store': ['^packages/(domain|adapters-aws|http-lambda|infra)/src', 'dynalite'],
  // Test support (doubles, contract suites, engines) is for tests: no package's sources run on it.
  // It may build on the products (it starts dynalite through the local server's launcher).
  'products-do-not-know-test-support': ['^packages/(?!testing/)[^/]+/src', '^packages/testing/'],
};

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-stays-pure',
      comment: 'The domain imports no AWS, HTTP, DI, validation or framework code, and no other package of ours.',
      severity: 'error',
      from: { path: '^packages/domain/src' },
      to: {
        pathNot: ['^packages/domain/src'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'domain-no-node-io',
      comment: 'The domain does no I/O of its own: no fs, net, http or child processes.',
      severity: 'error',
      from: { path: '^packages/domain/src' },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|http2|child_process|dgram|tls|dns)' },
    },
    ...Object.entries(NEVER_IMPORTS).map(([name, [from, to]]) => ({
      name,
      severity: 'error',
      from: { path: from },
      to: { path: to },
    })),
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules is not followed but stays in the graph, so rules can name packages (dynalite).
    exclude: { path: '(^|/)(dist|cdk\\.out)/' },
    tsConfig: { fileName: 'tsconfig.base.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    preserveSymlinks: false,
  },
};
