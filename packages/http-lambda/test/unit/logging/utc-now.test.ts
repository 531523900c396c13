import fc from 'fast-check';

import { utcNow } from '../../../src/logging/utc-now';

describe('utcNow', () => {
  it('writes any time as toISOString does, however the calls jump between seconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 253_402_300_797_499 }),
        fc.integer({ min: 0, max: 2_500 }),
        (time, step) => {
          // Act: a time, then one in the same or a following second
          const stamps = [utcNow(time), utcNow(time + step)];

          // Assess
          expect(stamps).toEqual([new Date(time).toISOString(), new Date(time + step).toISOString()]);
        },
      ),
      { numRuns: 5_000, seed: 13 },
    );
  });

  it('stamps the current time by default', () => {
    // Prepare
    const before = Date.now();

    // Act
    const stamp = Date.parse(utcNow());

    // Assess
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(Date.now());
  });
});
