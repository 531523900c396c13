import { preconditionOf } from '../../../src/http/etag';
import type { HttpProblem } from '../../../src/http/problem';

const withIfMatch = (value?: string) => ({ headers: value === undefined ? {} : { 'if-match': value } });

describe('If-Match', () => {
  it.each([
    ['"3.k2m9x4q7c1r8p0ab"', 3, 'k2m9x4q7c1r8p0ab'],
    ['W/"3.k2m9x4q7c1r8p0ab"', 3, 'k2m9x4q7c1r8p0ab'],
    ['  "12.legacy"  ', 12, 'legacy'],
  ])('%s expects version %s of incarnation %s', (header, version, incarnation) => {
    // Act
    const precondition = preconditionOf(withIfMatch(header), false);

    // Assess
    expect(precondition).toEqual({ expectedRevision: { version, incarnation } });
  });

  it.each(['"3"', '"abc"', '"0.abc"', '"03.abc"', '"3.ABC"', '"3."'])(
    '%s names no revision of ours (a bare version included): it matches none, so 412',
    (header) => {
      // Act
      const precondition = preconditionOf(withIfMatch(header), false);

      // Assess
      expect(precondition).toEqual({ expectedRevision: { version: 0, incarnation: '' } });
    },
  );

  it('* and an absent header expect no particular version', () => {
    // Act & Assess
    expect(preconditionOf(withIfMatch('*'), true)).toEqual({});
    expect(preconditionOf(withIfMatch(undefined), false)).toEqual({});
  });

  it.each(['3', '"3', 'W/3', '"1", "2"', 'w/"3"'])('%s is malformed: 400', (header) => {
    // Act
    const attempt = () => preconditionOf(withIfMatch(header), false);

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ status: 400, kind: 'validation' }) as HttpProblem);
  });

  it('is required (428) when the configuration says so', () => {
    // Act
    const attempt = () => preconditionOf(withIfMatch(undefined), true);

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ status: 428 }) as HttpProblem);
  });
});
