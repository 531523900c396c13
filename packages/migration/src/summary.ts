import type { ItemProblem } from './item-plan';

/** Counts of a run, by outcome. */
export interface MigrationSummary {
  readonly applied: boolean;
  scanned: number;
  current: number;
  normalized: number;
  moved: number;
  gone: number;
  reported: Partial<Record<ItemProblem['reason'], number>>;
  /** Writes refused because the item changed after it was read, each then read and planned again. */
  retriedAfterLiveWrite: number;
  /** True when the signal stopped the run before the scan ended. */
  interrupted: boolean;
}

/** The run's summary as the command prints it: counts and reasons, never an item's values. */
export function formatSummary(summary: MigrationSummary, tableName: string): string {
  const dry = !summary.applied;
  const heading = dry
    ? `Dry run on ${tableName}: nothing was written (pass --apply to write).`
    : `Migration of ${tableName}${summary.interrupted ? ' stopped before the end (resume with --resume)' : ''}.`;
  const reportedTotal = Object.values(summary.reported).reduce((sum, count) => sum + (count ?? 0), 0);
  const rows: [string, number][] = [
    ['items scanned', summary.scanned],
    ['already current', summary.current],
    [dry ? 'to normalize in place' : 'normalized in place', summary.normalized],
    [dry ? "to move to the owner's sub" : "moved to the owner's sub", summary.moved],
    ['deleted by live traffic meanwhile', summary.gone],
    ['reported and left as they are', reportedTotal],
    ...Object.entries(summary.reported).map(([reason, count]): [string, number] => [`  ${reason}`, count ?? 0]),
    ['writes retried after a live write', summary.retriedAfterLiveWrite],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, count]) => `  ${label.padEnd(width)}  ${count}`);
  if (dry && summary.interrupted) lines.push('  (stopped before the end of the table)');
  return [heading, ...lines].join('\n');
}
