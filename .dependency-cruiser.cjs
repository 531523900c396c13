// Architecture rules, enforced in `pnpm lint` (and so in `pnpm test` and CI).
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
    {
      name: 'adapters-do-not-know-http',
      comment: 'Adapters implement domain ports; they know nothing of the HTTP layer or the CDK app.',
      severity: 'error',
      from: { path: '^packages/adapters-aws/src' },
      to: { path: '^packages/(http-lambda|local-server|infra)/' },
    },
    {
      name: 'stream-lambda-stands-alone',
      comment:
        'The stream handler is its own driving adapter: it shares the domain and the AWS adapters, not the HTTP layer or the CDK app.',
      severity: 'error',
      from: { path: '^packages/stream-lambda/src' },
      to: { path: '^packages/(http-lambda|infra)/' },
    },
    {
      name: 'http-does-not-know-infra',
      severity: 'error',
      from: { path: '^packages/(http-lambda|local-server)/src' },
      to: { path: '^packages/infra/' },
    },
    {
      name: 'lambda-does-not-know-the-local-server',
      comment:
        'The Lambda package ships to AWS; the local server (and its dynalite) is a developer tool built on it, never the reverse.',
      severity: 'error',
      from: { path: '^packages/http-lambda/' },
      to: { path: '^packages/local-server/' },
    },
    {
      name: 'only-the-local-server-embeds-a-store',
      comment: 'dynalite is a runtime dependency of the local server alone; other packages use it in tests only.',
      severity: 'error',
      from: { path: '^packages/(domain|adapters-aws|http-lambda|infra)/src' },
      to: { path: 'dynalite' },
    },
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
