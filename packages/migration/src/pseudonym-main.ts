// `pnpm pseudonym`: prints the audit trail's pseudonym of a user id (docs/security.md).
import { createInterface } from 'node:readline';

import { runPseudonymCli } from './pseudonym-cli';

const readLine = async (): Promise<string> => {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
};

runPseudonymCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, readLine }).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
