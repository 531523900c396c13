import type { TableDescription } from '@aws-sdk/client-dynamodb';

/** Capacity units per second on an on-demand table, where there is no provisioned figure to share. */
export const ON_DEMAND_UNITS_PER_SECOND = 100;

/** Units per second the migration may spend on reads and on writes. */
export interface CapacityBudget {
  readonly readUnitsPerSecond: number;
  readonly writeUnitsPerSecond: number;
  /** `provisioned`: a share of the table's capacity; `on-demand`: the absolute figure. */
  readonly basis: 'provisioned' | 'on-demand';
}

/**
 * The migration's budget: `share` of the table's provisioned read and write capacity (a
 * write also writes each global index, so the smallest write capacity counts), or
 * `onDemandUnits` per second each on a table with no provisioned capacity.
 */
export function capacityBudget(
  table: TableDescription,
  share: number,
  onDemandUnits = ON_DEMAND_UNITS_PER_SECOND,
): CapacityBudget {
  const read = table.ProvisionedThroughput?.ReadCapacityUnits ?? 0;
  const writes = [table, ...(table.GlobalSecondaryIndexes ?? [])].map(
    (part) => part.ProvisionedThroughput?.WriteCapacityUnits ?? 0,
  );
  const onDemand =
    table.BillingModeSummary?.BillingMode === 'PAY_PER_REQUEST' || read === 0 || writes.some((units) => units === 0);
  if (onDemand) return { readUnitsPerSecond: onDemandUnits, writeUnitsPerSecond: onDemandUnits, basis: 'on-demand' };
  return { readUnitsPerSecond: read * share, writeUnitsPerSecond: Math.min(...writes) * share, basis: 'provisioned' };
}
