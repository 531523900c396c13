/** `pnpm bench [-- --only cold-start,warm] [--quick]`. */
export const SUITES = ['cold-start', 'warm', 'growth', 'http', 'cost'] as const;
export type SuiteName = (typeof SUITES)[number];

export interface BenchOptions {
  /** A smoke run: few repetitions, short loads. Its figures are not for quoting. */
  readonly quick: boolean;
  readonly only: readonly SuiteName[];
  /** Reuse an existing cdk.out instead of running `pnpm synth` again. */
  readonly noSynth: boolean;
}

export const parseOptions = (argv: readonly string[]): BenchOptions => {
  let quick = false;
  let noSynth = false;
  const only: SuiteName[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    else if (arg === '--quick') quick = true;
    else if (arg === '--no-synth') noSynth = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      for (const name of (value ?? '').split(',').filter(Boolean)) {
        if (!(SUITES as readonly string[]).includes(name)) {
          throw new Error(`unknown suite "${name}"; choose from ${SUITES.join(', ')}`);
        }
        only.push(name as SuiteName);
      }
    } else throw new Error(`unknown option "${arg}"; use --only <${SUITES.join('|')}>[,...], --quick, --no-synth`);
  }
  // The cost suite prices figures the warm and growth suites measure in the same run.
  const chosen = only.length > 0 ? only : [...SUITES];
  const withInputs = chosen.includes('cost') ? [...new Set<SuiteName>([...chosen, 'warm', 'growth'])] : chosen;
  return { quick, noSynth, only: SUITES.filter((suite) => withInputs.includes(suite)) };
};
