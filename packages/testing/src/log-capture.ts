/**
 * Captures what the service writes to stdout and stderr (Powertools Logger writes JSON lines
 * there) and keeps the test output quiet. Call `restore()` when done.
 */
export function captureLogs(): { readonly lines: () => string[]; readonly restore: () => void } {
  const chunks: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }),
  );
  return {
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== ''),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

/** What the service wrote during the current test, as lines. */
export interface CapturedLogs {
  readonly lines: () => string[];
}

/** Captures the output of each test of the calling `describe` (see `captureLogs`), restoring the streams after it. */
export function useCapturedLogs(): CapturedLogs {
  let capture: ReturnType<typeof captureLogs> | undefined;
  beforeEach(() => {
    capture = captureLogs();
  });
  afterEach(() => capture?.restore());
  return {
    lines: () => {
      if (capture === undefined) throw new Error('logs are captured from beforeEach on: read them inside a test');
      return capture.lines();
    },
  };
}
