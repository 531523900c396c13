import fc from 'fast-check';

import { isCanonicalUtc, toIsoUtc } from '../../src/dynamodb/utc-timestamp';

/** What parsing and formatting again gives, the reading that the shortcut must agree with. */
const reformatted = (value: string): string | undefined => {
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
};

const digits = (length: number) => fc.stringMatching(new RegExp(`^[0-9]{${length}}$`));

/** Strings of the canonical shape with any digits: real times and impossible ones (month 13, 30 February, 24:00). */
const canonicalShaped = fc
  .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3))
  .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);

/** Real times, as the service writes them. */
const realTimes = fc
  .date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

describe('isCanonicalUtc', () => {
  it('holds exactly for the strings that parse and format back to themselves', () => {
    fc.assert(
      fc.property(fc.oneof(canonicalShaped, realTimes), (value) => {
        // Act
        const canonical = isCanonicalUtc(value);

        // Assess
        expect(canonical).toBe(reformatted(value) === value);
      }),
      { numRuns: 5000, seed: 13 },
    );
  });

  it.each(['2024-02-29T12:00:00.000Z', '2000-02-29T00:00:00.000Z', '2026-12-31T23:59:59.999Z'])(
    'takes %s as it is',
    (value) => expect(isCanonicalUtc(value)).toBe(true),
  );

  it.each([
    '2026-02-29T00:00:00.000Z',
    '1900-02-29T00:00:00.000Z',
    '2026-04-31T00:00:00.000Z',
    '2026-11-24T24:00:00.000Z',
    '2026-13-01T00:00:00.000Z',
    '2026-11-24T10:00:00Z',
    '2026-11-24T10:00:00.000+00:00',
  ])('leaves %s to the parser', (value) => expect(isCanonicalUtc(value)).toBe(false));
});

describe('toIsoUtc', () => {
  it.each([
    ['2026-11-24T10:00:00.000Z', '2026-11-24T10:00:00.000Z'],
    ['2026-11-24T10:00:00Z', '2026-11-24T10:00:00.000Z'],
    ['2026-11-24T10:00:00.123456', '2026-11-24T10:00:00.123Z'],
    ['2026-02-29T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ['not a time', undefined],
    [42, undefined],
  ])('reads %j as %j', (value, expected) => expect(toIsoUtc(value)).toBe(expected));
});
