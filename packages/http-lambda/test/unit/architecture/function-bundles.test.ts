import { join } from 'node:path';

import { build } from 'esbuild';

import { ROUTES, type RemotePart, type RouteDefinition } from '../../../src/routes';

const SRC = join(__dirname, '../../../src');
const functions = [...new Set(ROUTES.map((route) => route.functionName))].map((name) => {
  const rows = ROUTES.filter((route) => route.functionName === name);
  return { name, rows, entry: rows[0]!.entry };
});

/** Every module in a function's bundle, by path, as esbuild's metafile lists them; each entry built once. */
const modulesOf = (entry: string): Promise<string[]> => {
  const built = bundles.get(entry) ?? bundle(entry);
  bundles.set(entry, built);
  return built;
};
const bundles = new Map<string, Promise<string[]>>();

async function bundle(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(SRC, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    minify: true,
    write: false,
    metafile: true,
    outfile: 'out.mjs',
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.outputs['out.mjs']!.inputs);
}

/** The workspace's own modules in a function's bundle (`http-lambda/src/...`, `domain/src/...`). */
const ownModulesOf = async (entry: string): Promise<string[]> =>
  (await modulesOf(entry))
    .filter((input) => /packages\/[a-z-]+\/src\//.test(input))
    .map((input) => input.slice(input.indexOf('packages/') + 'packages/'.length));

/** The commands of the official AWS SDK clients in a function's bundle, e.g. `client-ssm GetParametersCommand`. */
const sdkCommandsOf = async (entry: string): Promise<string[]> =>
  (await modulesOf(entry)).flatMap((input) => {
    const command = /@aws-sdk\/(client-[a-z-]+)\/dist-es\/commands\/([A-Za-z]+Command)\.js$/.exec(input);
    return command ? [`${command[1]} ${command[2]}`] : [];
  });

/** A function's first test waits for its bundle: a whole esbuild run, slow on a busy machine. */
const BUILD_TIMEOUT_MS = 60_000;

const pages = (rows: readonly RouteDefinition[]) => rows.some((row) => row.parts.includes('pageCursorKeys'));

const reaches = (rows: readonly RouteDefinition[], part: RemotePart): boolean =>
  rows.some((row) => row.parts.includes(part));

describe('Lambda function bundles', () => {
  it.each(functions)(
    "$name holds no other route's handler, and no local server or OpenAPI code",
    async ({ entry }) => {
      // Act
      const modules = await ownModulesOf(entry);

      // Assess
      const handlers = modules.filter((module) => /^http-lambda\/src\/routes\/.*\/handler\.ts$/.test(module));
      expect(handlers).toEqual([`http-lambda/src/${entry.replace('/lambda.ts', '/handler.ts')}`]);
      expect(modules.filter((module) => /^http-lambda\/src\/(local|openapi)\//.test(module))).toEqual([]);
    },
    BUILD_TIMEOUT_MS,
  );

  it.each(functions)(
    '$name holds one use case, and the idempotency store, cursor secret and audit search only if its rows reach them',
    async ({ entry, rows }) => {
      // Act
      const modules = await ownModulesOf(entry);

      // Assess
      expect(
        modules.filter(
          (module) =>
            module.startsWith('domain/src/application/') &&
            /\/[a-z-]+\/[a-z-]+\.ts$/.test(module.slice('domain/src/application'.length)),
        ),
      ).toHaveLength(1);
      expect(modules.includes('adapters-aws/src/dynamodb/dynamodb-idempotency-store.ts')).toBe(
        reaches(rows, 'idempotencyRecords') ||
          reaches(rows, 'storedResponses') ||
          reaches(rows, 'idempotencyRecordsRead'),
      );
      expect(modules.includes('adapters-aws/src/secrets-manager/secrets-manager-cursor-keys.ts')).toBe(pages(rows));
      expect(modules.includes('adapters-aws/src/cloudwatch-logs/cloudwatch-logs-audit-search.ts')).toBe(
        reaches(rows, 'auditTrailSearch'),
      );
      // Every function audits, so every one holds the pseudonym key's reader.
      expect(modules.includes('adapters-aws/src/secrets-manager/secrets-manager-pseudonym-keys.ts')).toBe(true);
    },
    BUILD_TIMEOUT_MS,
  );

  it.each(functions)(
    '$name reads its settings with the SSM client, audits with the CloudWatch Logs client (and searches it only if it exports), and reads secrets (the pseudonym key; the cursor keys if it pages) with GetSecretValue only',
    async ({ entry, rows }) => {
      // Act
      const commands = await sdkCommandsOf(entry);

      // Assess
      expect(commands).toEqual(
        expect.arrayContaining([
          'client-ssm GetParametersCommand',
          'client-cloudwatch-logs CreateLogStreamCommand',
          'client-cloudwatch-logs PutLogEventsCommand',
        ]),
      );
      expect(commands.filter((command) => command.startsWith('client-secrets-manager '))).toEqual([
        'client-secrets-manager GetSecretValueCommand',
      ]);
      // Only an erasure reaches the user pool and the bus.
      expect(commands.includes('client-cognito-identity-provider AdminDeleteUserCommand')).toBe(
        reaches(rows, 'accountDirectory'),
      );
      expect(commands.includes('client-eventbridge PutEventsCommand')).toBe(reaches(rows, 'eventBus'));
      expect(commands.includes('client-cloudwatch-logs FilterLogEventsCommand')).toBe(
        reaches(rows, 'auditTrailSearch'),
      );
    },
    BUILD_TIMEOUT_MS,
  );
});
