import { median, percentile, ratio, summarize } from '../../lib/stats';

describe('benchmark statistics', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    // Prepare
    const values = [9, 1, 5];
    // Act
    const result = median(values);
    // Assess
    expect(result).toBe(5);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('gives p99 as an observed value: the 99th of 100, and the maximum of fewer than 100', () => {
    // Prepare
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 1000];
    // Act / Assess
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(ten, 99)).toBe(1000);
    expect(percentile(ten, 0)).toBe(10);
  });

  it('expresses a figure as a multiple of its baseline', () => {
    expect(ratio(150, 100)).toBe(1.5);
    expect(ratio(5, 100)).toBe(0.05);
  });

  it('refuses what has no answer rather than reporting a misleading figure', () => {
    expect(() => median([])).toThrow('median of no values');
    expect(() => percentile([], 99)).toThrow('percentile of no values');
    expect(() => ratio(1, 0)).toThrow('non-positive baseline');
  });

  it("summarises a sample without reordering the caller's array", () => {
    // Prepare
    const values = [3, 1, 2];
    // Act
    const summary = summarize(values);
    // Assess
    expect(summary).toEqual({ n: 3, median: 2, p99: 3, min: 1, max: 3 });
    expect(values).toEqual([3, 1, 2]);
  });
});
