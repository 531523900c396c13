/** Where a command writes its usage text. */
export interface UsageOutput {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** The command's arguments, or the exit status it stops with instead. */
export type ReadArguments<T> = { readonly read: T } | { readonly exitCode: number };

/**
 * Reads a command's arguments with `parse`, as `pnpm migrate` and `pnpm pseudonym` both do: a
 * usage mistake is written to stderr with the usage text (exit status 2), and a call for help
 * writes the usage text to stdout (exit status 0).
 */
export function readArguments<T>(
  parse: () => T,
  wantsHelp: (read: T) => boolean,
  usage: string,
  io: UsageOutput,
): ReadArguments<T> {
  let read: T;
  try {
    read = parse();
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    return { exitCode: 2 };
  }
  if (wantsHelp(read)) {
    io.stdout.write(`${usage}\n`);
    return { exitCode: 0 };
  }
  return { read };
}
