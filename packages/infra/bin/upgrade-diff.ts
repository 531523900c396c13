#!/usr/bin/env node
// `pnpm --filter @userprofile/infra upgrade-diff [-c stackName=…] [-c env=…] [--full]`: what
// `cdk deploy` onto the stack the original template created would do to each of its resources,
// computed offline by the CDK's own differ against test/fixtures/original-stack.dev.json
// (its parameters as `-c env` gives them). The same check as test/unit/upgrade-in-place.test.ts.
import { formatDifferences } from '@aws-cdk/cloudformation-diff';

import {
  IN_PLACE,
  KEPT_RESOURCES,
  ORIGINAL_FIXTURE,
  describeFates,
  synthesizeForUpgrade,
  upgradeDiff,
} from '../test/support/upgrade-diff';

const USAGE = 'usage: upgrade-diff [-c stackName=NAME] [-c env=ENV] [-c key=value …] [--full]';

function parseArguments(args: readonly string[]): { context: Record<string, string>; full: boolean } {
  const context: Record<string, string> = {};
  let full = false;
  for (let at = 0; at < args.length; at += 1) {
    const arg = args[at];
    if (arg === '--full') full = true;
    else if (arg === '-c' || arg === '--context') {
      const [key, ...value] = (args[(at += 1)] ?? '').split('=');
      if (!key || value.length === 0) throw new Error(USAGE);
      context[key] = value.join('=');
    } else if (arg !== '--') throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return { context, full };
}

function main(): number {
  const { context, full } = parseArguments(process.argv.slice(2));
  const { stackName, environmentName, synthesized, original } = synthesizeForUpgrade(context);
  const { diff, originalResources, created } = upgradeDiff(original, synthesized);

  console.log(
    `Stack ${stackName} (env ${environmentName}) against ${ORIGINAL_FIXTURE}, its names as env ${environmentName}\n`,
  );
  const kept = KEPT_RESOURCES.map(
    ([logicalId, type]) =>
      originalResources.get(logicalId) ?? {
        logicalId,
        impact: 'ABSENT FROM THE ORIGINAL',
        oldType: type,
        newType: type,
        replacedBy: [],
      },
  );
  console.log('Resources that must be updated in place:');
  console.log(describeFates(kept as Parameters<typeof describeFates>[0]));

  const others = [...originalResources.values()].filter(
    (fate) => !KEPT_RESOURCES.some(([id]) => id === fate.logicalId),
  );
  console.log("\nThe original's other resources:");
  console.log(describeFates(others));
  const counts = new Map<string, number>();
  for (const fate of originalResources.values()) counts.set(fate.impact, (counts.get(fate.impact) ?? 0) + 1);
  console.log(
    `\n${originalResources.size} original resources: ${[...counts].map(([impact, n]) => `${n} ${impact}`).join(', ')}; ${created.length} created.`,
  );
  if (full) formatDifferences(process.stdout, diff);

  const lost = kept.filter((fate) => !IN_PLACE.includes(fate.impact as (typeof IN_PLACE)[number]));
  if (lost.length > 0) {
    console.error(`\n${lost.length} of them would not be updated in place: ${lost.map((f) => f.logicalId).join(', ')}`);
    return 1;
  }
  console.log('\nNone of them is replaced, destroyed or orphaned.');
  return 0;
}

process.exitCode = main();
