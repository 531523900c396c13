import fc from 'fast-check';

import { isoTime } from '../../src/shared/iso-time';

describe('isoTime', () => {
  it('writes any time as toISOString does, however the calls jump between seconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -62_198_755_200_000, max: 253_402_300_799_999 + 10_000 }),
        fc.integer({ min: -2_500, max: 2_500 }),
        (time, step) => {
          // Act: a time, then one in the same second or a nearby one
          const stamps = [isoTime(time), isoTime(time + step)];

          // Assess
          expect(stamps).toEqual([new Date(time).toISOString(), new Date(time + step).toISOString()]);
        },
      ),
      { numRuns: 5_000, seed: 13 },
    );
  });

  it('refuses an invalid time as toISOString does', () => {
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
  });
});
