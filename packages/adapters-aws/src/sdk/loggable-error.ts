/**
 * What may be logged about an unexpected error: its class name and the stack frames, never
 * its message (library messages, the SDK's among them, can quote request data such as an
 * email address). Every Lambda logs its faults through this one rule.
 */
export function describeError(error: unknown): { errorName: string; frames?: string } {
  if (!(error instanceof Error)) return { errorName: typeof error };
  const frames = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 10)
    .join('\n');
  return { errorName: error.name, ...(frames && { frames }) };
}
