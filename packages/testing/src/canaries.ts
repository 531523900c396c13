/**
 * Personal data that must never reach a log: every request of this suite carries some of it
 * (in bodies, claims, tokens, paths and queries), and every log line the service writes is
 * searched for it. Each value is distinctive, so a hit can only be a leak.
 */
export const CANARY = {
  email: 'zq.canary.mailbox@canary-pii.example',
  /** As clients send it; the service stores it lower-cased, so hits are looked for case-blind. */
  emailMixedCase: 'Zq.Canary.MAILBOX@Canary-PII.example',
  phoneNumber: '+447700900731',
  firstName: 'Zqcanaryfirst',
  lastName: 'Zqcanarylast',
  /** An opaque bearer value; real tokens of the suite are added with `rememberToken`. */
  bearer: 'zqcanarytoken.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJlLWNhbmFyeQ',
} as const;

/** What is searched for in logs: the canaries, lower-cased (the search is case-blind). */
const needles = new Set<string>(
  [
    CANARY.email,
    CANARY.phoneNumber,
    // The digits alone: a formatter could drop the `+`.
    CANARY.phoneNumber.slice(1),
    CANARY.firstName,
    CANARY.lastName,
    CANARY.bearer,
    // The signature part alone: a log of a "decoded" token would still leak it.
    CANARY.bearer.split('.')[2]!,
  ].map((value) => value.toLowerCase()),
);

/** Adds a real token the suite sent (and its signature) to what logs are searched for. */
export function rememberToken(token: string): string {
  // Short values (an empty or one-word header of an attack) would match innocent text.
  if (token.length >= 16) needles.add(token.toLowerCase());
  const signature = token.split('.')[2];
  if (signature && signature.length >= 16) needles.add(signature.toLowerCase());
  return token;
}

/** Every needle found in `text` (lower-cased by the caller or not). */
export function canariesIn(text: string): string[] {
  const lower = text.toLowerCase();
  return [...needles].filter((needle) => lower.includes(needle));
}

/** What a log capture saw: how many lines, and the first lines that held a canary. */
export interface LogScan {
  readonly lines: number;
  readonly bytes: number;
  readonly hits: number;
  readonly samples: readonly string[];
}

/**
 * Scans text as it is written, line by line, without keeping it (a long fuzz run writes
 * hundreds of megabytes of logs): counts lines and canary hits, keeps a few offending lines.
 */
export class CanaryScanner {
  /** Every complete line, when asked to keep them (short tests that look for particular lines). */
  readonly keptLines: string[] | undefined;
  private pending = '';
  private lineCount = 0;
  private byteCount = 0;
  private hitCount = 0;
  private readonly kept: string[] = [];

  constructor(options: { keepLines?: boolean } = {}) {
    this.keptLines = options.keepLines ? [] : undefined;
  }

  write(chunk: string): void {
    this.byteCount += chunk.length;
    const text = this.pending + chunk;
    const lines = text.split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.scanLine(line);
  }

  scan(): LogScan {
    if (this.pending !== '') {
      this.scanLine(this.pending);
      this.pending = '';
    }
    return { lines: this.lineCount, bytes: this.byteCount, hits: this.hitCount, samples: [...this.kept] };
  }

  private scanLine(line: string): void {
    if (line.trim() === '') return;
    this.lineCount += 1;
    this.keptLines?.push(line);
    const found = canariesIn(line);
    if (found.length === 0) return;
    this.hitCount += 1;
    if (this.kept.length < 5) this.kept.push(line.slice(0, 500));
  }
}

/**
 * Captures everything this process writes to stdout and stderr (the handlers' Powertools
 * logger writes its JSON lines there through its own `Console`) and scans it for canaries,
 * keeping the test output quiet. `stop()` restores the streams and returns the scan.
 */
export function captureProcessLogs(options: { keepLines?: boolean } = {}): { stop(): LogScan; scanner: CanaryScanner } {
  const scanner = new CanaryScanner(options);
  const originals = [process.stdout, process.stderr].map((stream) => {
    const original = stream.write;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      scanner.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
    return { stream, original };
  });
  let stopped: LogScan | undefined;
  return {
    scanner,
    stop: () => {
      if (!stopped) {
        for (const { stream, original } of originals) stream.write = original;
        stopped = scanner.scan();
      }
      return stopped;
    },
  };
}
