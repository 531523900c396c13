/** The clock and the wait a pacer uses; tests give it a fake pair. */
export interface PacerClock {
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

const SYSTEM_CLOCK: PacerClock = {
  now: () => Date.now(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

/**
 * Keeps spending of capacity units at or under `unitsPerSecond` on average. Each call spends
 * what a request actually consumed; the next call waits until that spending has been paid
 * off at the allowed rate. A request's cost is only known after it (DynamoDB reports
 * consumed capacity), so the pacer charges afterwards and waits before the next one.
 */
export class CapacityPacer {
  private paidUntil: number;

  constructor(
    readonly unitsPerSecond: number,
    private readonly clock: PacerClock = SYSTEM_CLOCK,
  ) {
    if (!(unitsPerSecond > 0)) throw new RangeError(`unitsPerSecond must be positive, got ${unitsPerSecond}`);
    this.paidUntil = clock.now();
  }

  /** Waits until the units spent so far are within the rate. */
  async ready(): Promise<void> {
    const wait = this.paidUntil - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait);
  }

  /** Records `units` consumed by a request. */
  spend(units: number): void {
    this.paidUntil = Math.max(this.paidUntil, this.clock.now()) + (units / this.unitsPerSecond) * 1_000;
  }
}
