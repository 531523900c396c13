// `pnpm migrate`: the migration command's process entry. Ctrl-C once stops after the current
// item (the checkpoint then resumes the run); twice stops at once.
import { runMigrationCli } from './cli';

const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  process.stderr.write('\nStopping after the current item (Ctrl-C again to stop now)...\n');
  controller.abort();
});

runMigrationCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
}).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
