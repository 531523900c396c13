import { preconditionOf } from '../../../src/http/etag';
import type { HttpProblem } from '../../../src/http/problem';

const withIfMatch = (value?: string) => ({ headers: value === undefined ? {} : { 'if-match': value } });

describe('If-Match', () => {
  it.each([
    ['"3"', 3],
    ['W/"3"', 3],
    ['  "12"  ', 12],
    ['"abc"', 0],
    ['"0"', 0],
    ['"03"', 0],
  ])('%s expects version %s (0: matches none)', (header, version) => {
    // Act
    const precondition = preconditionOf(withIfMatch(header), false);

    // Assess
    expect(precondition).toEqual({ expectedVersion: version });
  });

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
