/**
 * `pnpm bench [-- --only cold-start,warm,growth,http,cost] [--quick] [--no-synth]`
 *
 * Runs the benchmarks, prints one table of ratios (every figure against a baseline measured
 * in the same run) and writes bench/results/results.json. Never part of `pnpm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INFRA_CDK_OUT, runColdStart } from './cold-start/cold-start';
import { runCost } from './cost/cost';
import { runGrowth } from './growth/growth';
import { runHttp } from './http/http';
import { runWarm } from './warm/warm';
import { foreignEnv, startDynalite, startMoto, type Engine } from './lib/engines';
import { parseOptions, SUITES, type BenchOptions, type SuiteName } from './lib/options';
import { Report, renderMarkdown, renderTable, writeResults } from './lib/report';
import { REPO_ROOT } from './cold-start/reference-bundles';

const synth = (): void => {
  console.log('[bench] pnpm synth (the shipped bundles are the ones the CDK app builds)');
  const result = spawnSync('pnpm', ['--silent', 'synth'], {
    cwd: REPO_ROOT,
    env: foreignEnv(),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`pnpm synth failed (exit ${result.status})`);
};

const main = async (): Promise<void> => {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    process.exit(2);
  }
  const report = new Report();
  const started = Date.now();
  const timings: Partial<Record<SuiteName, number>> = {};
  const engines: Engine[] = [];
  // Every child the bench spawns runs process.execPath: this Node, the one the functions deploy on.
  console.log(`[bench] node ${process.version} (${process.execPath}), ${os.cpus().length} cores`);
  try {
    const dynamo = await startDynalite();
    engines.push(dynamo);
    console.log(
      `[bench] dynalite on ${dynamo.endpoint}${options.quick ? ' (quick mode: figures are a smoke test only)' : ''}`,
    );
    for (const suite of options.only) {
      const suiteStarted = Date.now();
      console.log(`[bench] ${suite} ...`);
      switch (suite) {
        case 'cold-start': {
          if (!options.noSynth || !existsSync(INFRA_CDK_OUT)) synth();
          const ssm = await startMoto();
          engines.push(ssm);
          await runColdStart(options, report, { dynamo, ssm, cdkOut: INFRA_CDK_OUT });
          break;
        }
        case 'warm':
          await runWarm(options, report, dynamo);
          break;
        case 'growth':
          await runGrowth(options, report, dynamo);
          break;
        case 'http':
          await runHttp(options, report);
          break;
        case 'cost':
          runCost(report);
          break;
      }
      timings[suite] = Math.round((Date.now() - suiteStarted) / 1000);
      console.log(`[bench] ${suite} done in ${timings[suite]} s`);
    }
  } finally {
    await Promise.all(engines.map((e) => e.stop()));
  }

  const table = renderTable(report.figures);
  console.log(`\n${table}\n`);
  for (const c of report.checks) {
    console.log(`${c.pass ? 'ok    ' : 'FAILED'} ${c.suite}: ${c.name} = ${c.value} (must be ${c.expected})`);
  }
  printContents(report);
  const cost = costTable(report);
  if (cost.length > 0) console.log(`${cost.join('\n')}\n`);
  for (const note of report.notes) console.log(`note: ${note}`);
  const missed = report.missed();
  console.log(
    missed.length === 0 ? 'All goals met.' : `${missed.length} goal(s) missed: see above and docs/performance.md.`,
  );
  const file = writeResults('results.json', {
    command: `pnpm bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    quick: options.quick,
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      node: process.version,
      platform: process.platform,
    },
    secondsPerSuite: timings,
    totalSeconds: Math.round((Date.now() - started) / 1000),
    figures: report.figures,
    checks: report.checks,
    notes: report.notes,
    details: report.details,
  });
  const markdown = resultsMarkdown(report, options, Math.round((Date.now() - started) / 1000));
  writeResults('results.md', markdown);
  // The committed record: only a full run (every suite, not --quick) replaces it.
  if (!options.quick && options.only.length === SUITES.length) {
    writeFileSync(path.join(__dirname, 'RESULTS.md'), markdown);
    console.log('[bench] wrote bench/RESULTS.md (commit it to record this run)');
  }
  console.log(`[bench] wrote ${path.relative(REPO_ROOT, file)} in ${Math.round((Date.now() - started) / 1000)} s`);
};

const resultsMarkdown = (report: Report, options: BenchOptions, seconds: number): string => {
  const cold = report.details.coldStart as
    { reference: { contents: Contents }; functions: Record<string, { contents: Contents }> } | undefined;
  const contents = cold
    ? [
        '## What the bundles hold (esbuild metafile, bytes in the output)',
        '',
        '| bundle | KiB | validation share | phone-number library | largest packages |',
        '|---|---|---|---|---|',
        ...[
          ['reference', cold.reference.contents] as const,
          ...Object.entries(cold.functions).map(([n, f]) => [n, f.contents] as const),
        ].map(
          ([name, c]) =>
            `| ${name} | ${Math.round(c.outputBytes / 1024)} | ${(c.validationShare * 100).toFixed(1)}% | ${
              c.phoneNumberPackages.length === 0 ? 'none' : c.phoneNumberPackages.join(', ')
            } | ${c.topPackages
              .slice(0, 6)
              .map((p) => `${p.name} ${Math.round(p.bytes / 1024)}K`)
              .join(', ')} |`,
        ),
        '',
      ]
    : [];
  return [
    '# Benchmark results',
    '',
    `\`pnpm bench${options.quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores ` +
      `(${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${seconds} s in all. Every figure is a ratio ` +
      'against a baseline measured in the same run, the variants alternating. Written by the harness ' +
      '(bench/run.ts); the machine-readable copy is bench/results/results.json.',
    '',
    renderMarkdown(report.figures),
    '',
    ...report.checks.map(
      (c) => `- ${c.pass ? 'ok' : '**failed**'}: ${c.suite}: ${c.name} = ${c.value} (must be ${c.expected})`,
    ),
    '',
    ...contents,
    ...costTable(report),
    ...(report.notes.length > 0 ? ['## Notes', '', ...report.notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
};

/** The cost suite's table (dollars per million requests), as Markdown; empty when it did not run. */
const costTable = (report: Report): string[] => {
  const cost = report.details.cost as { table: string[] } | undefined;
  if (!cost) return [];
  return [
    '## Cost per million requests (us-east-1, on-demand)',
    '',
    '| request | billed Lambda time | RCU / WCU | Lambda | DynamoDB | API Gateway | ours | original RCU / WCU | original design |',
    '|---|---|---|---|---|---|---|---|---|',
    ...cost.table,
    '',
  ];
};

/** What each bundle is made of (from esbuild metafiles), so a size can be explained. */
const printContents = (report: Report): void => {
  const cold = report.details.coldStart as
    { reference: { contents: Contents }; functions: Record<string, { contents: Contents }> } | undefined;
  if (!cold) return;
  const rows: [string, Contents][] = [
    ['reference', cold.reference.contents],
    ...Object.entries(cold.functions).map(([n, f]) => [n, f.contents] as [string, Contents]),
  ];
  console.log('Bundle contents (esbuild metafile, bytes in output by package):');
  for (const [name, c] of rows) {
    const top = c.topPackages
      .slice(0, 8)
      .map((p) => `${p.name} ${Math.round(p.bytes / 1024)}K`)
      .join(', ');
    console.log(
      `  ${name.padEnd(18)} ${Math.round(c.outputBytes / 1024)} KiB; validation ${(c.validationShare * 100).toFixed(1)}%; ` +
        `phone-number library: ${c.phoneNumberPackages.length === 0 ? 'none' : c.phoneNumberPackages.join(', ')}\n     top: ${top}`,
    );
  }
  console.log('');
};

interface Contents {
  outputBytes: number;
  validationShare: number;
  phoneNumberPackages: string[];
  topPackages: { name: string; bytes: number }[];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
