import { readFile, rename, writeFile } from 'node:fs/promises';

/** Where a run got to: the scan key after the last page whose every item was handled. */
export interface Checkpoint {
  readonly tableName: string;
  /** The scan's `LastEvaluatedKey` (a profile id: no personal data); absent once the scan is done. */
  readonly startKey?: Record<string, unknown>;
  readonly done: boolean;
}

/** Reads a checkpoint file; fails naming the file when it is missing or not one. */
export async function readCheckpoint(path: string): Promise<Checkpoint> {
  const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (!isCheckpoint(parsed)) throw new Error(`${path} is not a migration checkpoint`);
  return parsed;
}

/** Writes a checkpoint so that a crash mid-write leaves the previous one whole. */
export async function writeCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  const temporary = `${path}.tmp`;
  await writeFile(temporary, `${JSON.stringify(checkpoint)}\n`);
  await rename(temporary, path);
}

function isCheckpoint(value: unknown): value is Checkpoint {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.tableName === 'string' &&
    typeof candidate.done === 'boolean' &&
    (candidate.startKey === undefined || (typeof candidate.startKey === 'object' && candidate.startKey !== null))
  );
}
