import { capacityBudget, ON_DEMAND_UNITS_PER_SECOND } from '../../src/capacity-budget';
import { CapacityPacer, type PacerClock } from '../../src/capacity-pacer';

/** A clock that moves only when the pacer sleeps, so waits are counted, not timed. */
function fakeClock(): PacerClock & { slept: number } {
  let now = 0;
  const clock = {
    slept: 0,
    now: () => now,
    sleep: async (milliseconds: number) => {
      clock.slept += milliseconds;
      now += milliseconds;
    },
  };
  return clock;
}

describe('CapacityPacer', () => {
  it('spreads spending so that units per second never exceed the rate', async () => {
    // Prepare
    const clock = fakeClock();
    const pacer = new CapacityPacer(4, clock);

    // Act: 20 requests of 1 unit each at 4 units/s
    for (let i = 0; i < 20; i += 1) {
      await pacer.ready();
      pacer.spend(1);
    }

    // Assess: the first request is free, the other 19 units were paid for at 4 per second
    expect(clock.slept).toBe(4_750);
  });

  it('does not make a request wait that comes after a quiet spell', async () => {
    // Prepare
    const clock = fakeClock();
    const pacer = new CapacityPacer(1, clock);
    pacer.spend(1);
    await clock.sleep(5_000);
    clock.slept = 0;

    // Act
    await pacer.ready();

    // Assess
    expect(clock.slept).toBe(0);
  });

  it('refuses a rate that would never let a request through', () => {
    expect(() => new CapacityPacer(0)).toThrow(RangeError);
  });
});

describe('capacityBudget', () => {
  it('takes the share of provisioned reads, and of the smallest write capacity of the table and its indexes', () => {
    // Act
    const budget = capacityBudget(
      {
        ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 8 },
        GlobalSecondaryIndexes: [{ ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 4 } }],
      },
      0.5,
    );

    // Assess
    expect(budget).toEqual({ readUnitsPerSecond: 5, writeUnitsPerSecond: 2, basis: 'provisioned' });
  });

  it('uses the absolute figure on an on-demand table', () => {
    // Act
    const budget = capacityBudget(
      {
        BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
        ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
      },
      0.5,
    );

    // Assess
    expect(budget).toEqual({
      readUnitsPerSecond: ON_DEMAND_UNITS_PER_SECOND,
      writeUnitsPerSecond: ON_DEMAND_UNITS_PER_SECOND,
      basis: 'on-demand',
    });
  });
});
