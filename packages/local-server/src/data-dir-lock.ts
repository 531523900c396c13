import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** The pid file that claims a data folder for one server. */
export const LOCK_FILE = 'server.pid';

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Claims the data folder for this process (a pid file), so that a second local server on the
 * same folder stops with a clear message: dynalite's LevelDB store would otherwise fail on
 * its lock mid-request and take the process down. A pid file left by a process that is gone
 * is taken over.
 * @returns a release function, or the pid of the live process that holds the folder.
 */
export const lockDataDir = async (
  dataDir: string,
): Promise<{ readonly ok: true; release(): Promise<void> } | { readonly ok: false; readonly heldBy: number }> => {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await fs.writeFile(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return { ok: true, release: () => fs.rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await fs.readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
      return { ok: false, heldBy: holder };
    }
    if (holder === process.pid) return { ok: false, heldBy: holder };
    await fs.rm(file, { force: true });
  }
  throw new Error(`could not claim ${file}`);
};
