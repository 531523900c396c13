/**
 * Where one function's module load goes, against the reference's: both entries are bundled
 * with the shipped esbuild options but unminified (so the bundle's `// <path>` comments say
 * which module each line is), loaded in fresh processes under `node --cpu-prof`, invoked as in
 * the cold-start bench, and each load window's samples are charged to the package (or our own
 * source folder) whose code ran (see load-attribution.ts). Not part of `pnpm bench`: sampling
 * slows a load by about a third and unminified code compiles slower, so the table explains the
 * bench's module-load gap in shares, it does not replace it.
 *
 * Run: pnpm bench:load-profile [-- --function GetUserProfile] [--runs 10]
 * (needs packages/infra/cdk.out: `pnpm synth`; writes bench/results/load-profile/)
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROUTES } from '../../packages/http-lambda/src/routes';
import { startDynalite, startMoto } from '../lib/engines';
import { apiGatewayEvent } from '../lib/events';
import { readShippedFunctions } from './cdk-out';
import { childEnvironment, INFRA_CDK_OUT, runChild, scenarioFor, seedColdStartEngines } from './cold-start';
import { attributeLoad, moduleMapOf, type CpuProfile, type LoadAttribution } from './load-attribution';
import { bundleLikeTheFunctions } from './metafile';
import { REFERENCE_ENTRY, REPO_ROOT } from './reference-bundles';

const OUT = path.join(__dirname, '..', 'results', 'load-profile');
/** The composition root's steps, timed with what they call. */
const STEPS = [
  'lambdaHandlerFor',
  'startLambda',
  'createDynamoDbDocumentClient',
  'createLogger',
  'startAfterResponseExtension',
  'containerOf',
  'proxyHandlerOf',
] as const;

const argument = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
};

const bundleUnminified = (entry: string, dir: string): Promise<string> =>
  bundleLikeTheFunctions(entry, path.join(dir, 'index.mjs'), { minify: false });

/** Adds one run's attribution to the sums, in ms. */
const addTo = (sums: Map<string, number>, attribution: ReadonlyMap<string, number>) => {
  for (const [key, us] of attribution) sums.set(key, (sums.get(key) ?? 0) + us / 1000);
};

const main = async (): Promise<void> => {
  const functionName = argument('function', 'GetUserProfile');
  const runs = Number(argument('runs', '10'));
  const route = ROUTES.find((r) => r.functionName === functionName);
  if (!route)
    throw new Error(`no route serves ${functionName}; one of: ${ROUTES.map((r) => r.functionName).join(', ')}`);
  const shipped = readShippedFunctions(INFRA_CDK_OUT).find((f) => f.route.functionName === functionName);
  if (!shipped) throw new Error(`${functionName} is not in ${INFRA_CDK_OUT}: run \`pnpm synth\` first`);

  rmSync(OUT, { recursive: true, force: true });
  const variants = [
    {
      id: functionName,
      bundleFile: await bundleUnminified(
        path.join(REPO_ROOT, 'packages', 'http-lambda', 'src', route.entry),
        path.join(OUT, functionName),
      ),
      handlerExport: shipped.handlerExport,
    },
    {
      id: 'reference',
      bundleFile: await bundleUnminified(REFERENCE_ENTRY, path.join(OUT, 'reference')),
      handlerExport: 'handler',
    },
  ];

  const dynamo = await startDynalite();
  const ssm = await startMoto();
  try {
    const inputs = { dynamo, ssm };
    const { deployed, world, close } = await seedColdStartEngines(inputs, shipped);
    const scenario = scenarioFor(route, world);

    const results = new Map<string, { owners: Map<string, number>; steps: Map<string, number>; loadMs: number }>();
    for (const { id } of variants) results.set(id, { owners: new Map(), steps: new Map(), loadMs: 0 });
    // One untimed run of each first, as in the bench: the OS file cache would otherwise decide run 1.
    for (let run = -1; run < runs; run += 1) {
      for (const variant of variants) {
        const { id, bundleFile } = variant;
        const profileDir = path.join(OUT, 'profiles', `${id}-${run}`);
        mkdirSync(profileDir, { recursive: true });
        const event = apiGatewayEvent(await scenario.prepare(`load-profile-${id}-${run}`));
        const sample = await runChild(variant, childEnvironment(shipped, inputs, deployed, event), [
          '--cpu-prof',
          `--cpu-prof-dir=${profileDir}`,
          '--cpu-prof-interval=100',
        ]);
        if (sample.statusCode !== scenario.expectedStatus) {
          throw new Error(`${id}: expected HTTP ${scenario.expectedStatus}, got ${sample.statusCode}`);
        }
        if (run < 0) continue;
        const [profileFile] = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
        if (!profileFile) throw new Error(`node --cpu-prof wrote no profile in ${profileDir}`);
        const profile = JSON.parse(readFileSync(path.join(profileDir, profileFile), 'utf8')) as CpuProfile;
        const [fromUs, toUs] = sample.loadWindowUs;
        const attribution: LoadAttribution = attributeLoad(
          profile,
          pathToFileURL(bundleFile).href,
          moduleMapOf(readFileSync(bundleFile, 'utf8')),
          { fromUs, toUs },
          STEPS,
        );
        const result = results.get(id)!;
        addTo(result.owners, attribution.byOwner);
        addTo(result.steps, attribution.byFunction);
        result.loadMs += attribution.totalUs / 1000;
      }
    }
    close();
    print(functionName, runs, results.get(functionName)!, results.get('reference')!);
  } finally {
    await dynamo.stop();
    await ssm.stop();
  }
};

const print = (
  functionName: string,
  runs: number,
  ours: { owners: Map<string, number>; steps: Map<string, number>; loadMs: number },
  reference: { owners: Map<string, number>; loadMs: number },
): void => {
  const per = (ms: number | undefined) => (ms ?? 0) / runs;
  const owners = [...new Set([...ours.owners.keys(), ...reference.owners.keys()])]
    .map((owner) => ({ owner, ours: per(ours.owners.get(owner)), reference: per(reference.owners.get(owner)) }))
    .sort((a, b) => b.ours - b.reference - (a.ours - a.reference));
  const fixed = (ms: number) => ms.toFixed(1).padStart(7);
  console.log(`\nModule load under --cpu-prof (100 µs sampling, unminified), mean of ${runs} runs, ms`);
  console.log(`${'charged to'.padEnd(48)} ${functionName.padStart(7)} reference   delta`);
  console.log(
    `${'all of the load'.padEnd(48)} ${fixed(per(ours.loadMs))} ${fixed(per(reference.loadMs))}  ${fixed(per(ours.loadMs) - per(reference.loadMs))}`,
  );
  for (const row of owners.filter((r) => Math.max(r.ours, r.reference) >= 0.3)) {
    console.log(
      `${row.owner.padEnd(48)} ${fixed(row.ours)} ${fixed(row.reference)}  ${fixed(row.ours - row.reference)}`,
    );
  }
  console.log(`\n${functionName}'s composition root, each step with what it calls, ms`);
  for (const step of STEPS) console.log(`  ${step.padEnd(32)} ${fixed(per(ours.steps.get(step)))}`);
  console.log(`\nprofiles and bundles: ${path.relative(REPO_ROOT, OUT)}/`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
