import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** The modes of everything the local server keeps: its owner alone may read or enter it. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const GROUP_AND_OTHER_BITS = 0o077;

/** A file or folder the local server cannot use safely; the message names it. */
export class UnsafeFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file} ${problem}`);
    this.name = 'UnsafeFileError';
  }
}

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error';

/**
 * Creates `dir` and its missing parents as 0700 (chmod, so the umask has no say). Node's own
 * `mkdir({ recursive: true })` loops forever where the parent exists but refuses children
 * (`/proc/nope`); this one stops with an error naming the folder.
 */
export const makePrivateDir = async (dir: string): Promise<void> => {
  try {
    await fs.mkdir(dir, { mode: PRIVATE_DIR_MODE });
    await fs.chmod(dir, PRIVATE_DIR_MODE);
    return;
  } catch (error) {
    const code = codeOf(error);
    if (code === 'EEXIST') return checkOwnedFolder(dir);
    const parent = path.dirname(dir);
    const parentExists = await fs.stat(parent).then(
      () => true,
      () => false,
    );
    if (code !== 'ENOENT' || parent === dir || parentExists) {
      throw new UnsafeFileError(dir, `cannot be created (${code})`);
    }
    await makePrivateDir(parent);
  }
  return makePrivateDir(dir);
};

/** An existing folder must be a real folder of this user; it is then made 0700. */
const checkOwnedFolder = async (dir: string): Promise<void> => {
  const stats = await fs.lstat(dir);
  if (!stats.isDirectory()) throw new UnsafeFileError(dir, 'is not a folder (a symbolic link or a file)');
  if (stats.uid !== process.getuid?.()) throw new UnsafeFileError(dir, `belongs to another user (uid ${stats.uid})`);
  if ((stats.mode & 0o777) !== PRIVATE_DIR_MODE) await fs.chmod(dir, PRIVATE_DIR_MODE);
};

/** Makes `dir` 0700 and every folder under it 0700, every file 0600. */
export const tightenTree = async (dir: string): Promise<void> => {
  await fs.chmod(dir, PRIVATE_DIR_MODE);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await tightenTree(full);
    else if (entry.isFile()) await fs.chmod(full, PRIVATE_FILE_MODE);
  }
};

/**
 * Makes the data folder 0700 and what the server keeps in it (`entries`) 0700/0600: what an
 * older version left readable, or a store file created since start-up, is closed too. Anything
 * else someone put in the folder is left as it is (the folder's 0700 already hides it).
 */
export const tightenDataDir = async (dataDir: string, entries: readonly string[]): Promise<void> => {
  await fs.chmod(dataDir, PRIVATE_DIR_MODE);
  for (const name of entries) {
    const full = path.join(dataDir, name);
    const stats = await fs.lstat(full).catch(() => undefined);
    if (stats?.isDirectory()) await tightenTree(full);
    else if (stats?.isFile()) await fs.chmod(full, PRIVATE_FILE_MODE);
  }
};

/**
 * Reads a secret only if it is safe to trust: a regular file (not a symbolic link: opened with
 * O_NOFOLLOW, then checked on the open descriptor, so it cannot be swapped in between), owned
 * by this user, with no group or other permission bits.
 * @returns undefined when the file does not exist.
 * @throws UnsafeFileError naming the file otherwise.
 */
export const readTrustedFile = async (file: string): Promise<string | undefined> => {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw new UnsafeFileError(file, 'is a symbolic link; a key file must be a regular file');
    throw new UnsafeFileError(file, `cannot be read (${code})`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new UnsafeFileError(file, 'is not a regular file');
    if (stats.uid !== process.getuid?.()) {
      throw new UnsafeFileError(file, `belongs to another user (uid ${stats.uid}); it cannot be trusted as a key`);
    }
    if ((stats.mode & GROUP_AND_OTHER_BITS) !== 0) {
      const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
      throw new UnsafeFileError(file, `has mode ${mode}: others may read or change it (chmod 600 it, or delete it)`);
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
};
