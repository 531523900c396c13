/**
 * Every figure the benchmark reports: a value, the baseline measured beside it in the same
 * run, their ratio, and the goal the ratio is held to. Printed as a table and written to
 * bench/results/results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ratio, round } from './stats';

export interface Figure {
  readonly suite: string;
  /** What was measured, e.g. `GetUserProfile load + first invoke (median)`. */
  readonly name: string;
  readonly value: number;
  /** What the baseline is, e.g. `reference, same flags`. */
  readonly baselineName: string;
  readonly baseline: number;
  readonly unit: string;
  readonly ratio: number;
  /** The ratio must be at most this (absent: reported, no goal). */
  readonly goalMax?: number;
  /** The ratio must be at least this: for figures where more is better, such as requests/s. */
  readonly goalMin?: number;
  readonly pass?: boolean;
  readonly note?: string;
}

/** A yes/no fact a goal demands (e.g. zero store calls), reported beside the ratios. */
export interface Check {
  readonly suite: string;
  readonly name: string;
  readonly value: number;
  readonly expected: number;
  readonly pass: boolean;
}

export interface FigureInput {
  readonly name: string;
  readonly value: number;
  readonly baselineName: string;
  readonly baseline: number;
  readonly unit: string;
  readonly goalMax?: number;
  readonly goalMin?: number;
  readonly note?: string;
}

/** Collects a suite's figures, computing ratios and goal verdicts in one place. */
export class Report {
  readonly figures: Figure[] = [];
  readonly details: Record<string, unknown> = {};
  readonly notes: string[] = [];
  readonly checks: Check[] = [];

  check(suite: string, input: { name: string; value: number; expected: number }): Check {
    const check = { suite, ...input, pass: input.value === input.expected };
    this.checks.push(check);
    return check;
  }

  add(suite: string, input: FigureInput): Figure {
    const r = ratio(input.value, input.baseline);
    const figure: Figure = {
      suite,
      ...input,
      ratio: r,
      ...(input.goalMax !== undefined && { pass: r <= input.goalMax }),
      ...(input.goalMin !== undefined && { pass: r >= input.goalMin }),
    };
    this.figures.push(figure);
    return figure;
  }

  detail(key: string, value: unknown): void {
    this.details[key] = value;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  missed(): (Figure | Check)[] {
    return [...this.figures.filter((f) => f.pass === false), ...this.checks.filter((c) => !c.pass)];
  }
}

const formatValue = (value: number, unit: string): string => {
  if (unit === 'bytes') return value >= 1024 ? `${round(value / 1024, 1)} KiB` : `${value} B`;
  if (unit === 'ms') return `${value < 1 ? round(value, 3) : round(value, 2)} ms`;
  return `${round(value, 2)} ${unit}`;
};

/** The goal a figure's ratio is held to, as the tables print it; empty when it has none. */
export const goalText = (f: Figure): string =>
  f.goalMax !== undefined ? `<= ${f.goalMax}x` : f.goalMin !== undefined ? `>= ${f.goalMin}x` : '';

/** By how much a missed goal is missed, in percent of the goal (a shortfall for a `>=` goal). */
export const missedByPercent = (f: Figure): number =>
  f.goalMax !== undefined ? round((f.ratio / f.goalMax - 1) * 100, 0) : round((1 - f.ratio / f.goalMin!) * 100, 0);

/** A plain-text table, one row per figure; missed goals are marked so they cannot be overlooked. */
export const renderTable = (figures: readonly Figure[]): string => {
  const header = ['suite', 'measurement', 'value', 'baseline', 'ratio', 'goal', ''];
  const rows = figures.map((f) => [
    f.suite,
    f.name,
    formatValue(f.value, f.unit),
    `${formatValue(f.baseline, f.unit)} (${f.baselineName})`,
    `${round(f.ratio, 2).toFixed(2)}x`,
    goalText(f),
    f.pass === undefined ? '' : f.pass ? 'ok' : `MISSED by ${missedByPercent(f)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
};

/** A Markdown table of the same figures, for bench/RESULTS.md. */
export const renderMarkdown = (figures: readonly Figure[]): string => {
  const rows = figures.map(
    (f) =>
      `| ${f.suite} | ${f.name} | ${formatValue(f.value, f.unit)} | ${formatValue(f.baseline, f.unit)} (${f.baselineName}) | ${round(f.ratio, 2).toFixed(2)}x | ${goalText(f)} | ${
        f.pass === undefined
          ? ''
          : f.pass
            ? 'ok'
            : `**missed** (${f.goalMax !== undefined ? '+' : '-'}${missedByPercent(f)}%)`
      } |`,
  );
  return [
    '| suite | measurement | value | baseline | ratio | goal | verdict |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
};

export const RESULTS_DIR = path.join(__dirname, '..', 'results');

export const writeResults = (fileName: string, content: unknown): string => {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, fileName);
  writeFileSync(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  return file;
};
