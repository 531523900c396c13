import { Report, renderMarkdown, renderTable } from '../../lib/report';

/** A requests/s figure against 1,000/s, held to at least 0.75x. */
const GET_RATE = { name: 'GET requests/s', baselineName: 'raw ops/s', baseline: 1000, unit: '/s', goalMin: 0.75 };
const throughput = (value: number) => ({ ...GET_RATE, value });

describe('benchmark report', () => {
  it('holds a more-is-better figure to an at-least goal, and says by how much it falls short', () => {
    // Prepare
    const report = new Report();

    // Act
    const met = report.add('http', throughput(800));
    const missed = report.add('http', throughput(600));

    // Assess
    expect([met.pass, missed.pass]).toEqual([true, false]);
    expect(report.missed()).toEqual([missed]);
    const table = renderTable(report.figures);
    expect(table).toContain('>= 0.75x | ok');
    expect(table).toContain('>= 0.75x | MISSED by 20%');
    expect(renderMarkdown(report.figures)).toContain('| 0.60x | >= 0.75x | **missed** (-20%) |');
  });

  it('still holds a less-is-better figure to an at-most goal', () => {
    // Prepare
    const report = new Report();

    // Act
    const figure = report.add('warm', {
      name: 'PATCH p50',
      value: 1.25,
      baselineName: 'raw p50',
      baseline: 1,
      unit: 'ms',
      goalMax: 1.1,
    });

    // Assess
    expect(figure.pass).toBe(false);
    expect(renderMarkdown(report.figures)).toContain('| 1.25x | <= 1.1x | **missed** (+14%) |');
  });
});
