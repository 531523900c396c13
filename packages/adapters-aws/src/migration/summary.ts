import type { MigrationSummary } from './migrate-table';

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
