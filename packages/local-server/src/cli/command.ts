/** A development command (`pnpm token`, `pnpm sign-up`): how it reads its arguments, what it does, how it names a fault. */
export interface Command<Options> {
  readonly usage: string;
  /** Reads the arguments; throws an error saying what is wrong with them. */
  readonly parse: (args: string[]) => Options;
  /** Does the work; resolves to the exit status. */
  readonly run: (options: Options) => Promise<number>;
  /** The line printed when `run` throws. */
  readonly failure: (error: unknown) => string;
}

/**
 * Runs a command on the process's arguments. A usage mistake prints what is wrong and the
 * usage, and exits 2; a fault prints the command's failure line and exits 1.
 */
export function runCommand<Options>(command: Command<Options>): void {
  let options: Options;
  try {
    options = command.parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${command.usage}\n`);
    process.exit(2);
  }
  command.run(options).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${command.failure(error)}\n`);
      process.exit(1);
    },
  );
}
