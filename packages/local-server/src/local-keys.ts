import { randomBytes, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import type { PseudonymKey } from '@userprofile/domain';
import { makePrivateDir, PRIVATE_FILE_MODE, readTrustedFile, UnsafeFileError } from './private-files';

/** The development token signing key pair: private for the token CLI, public for the server. */
export interface LocalSigningKeys {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicKey: KeyLike;
}

const SIGNING_KEY_FILE = 'jwt-signing-key.json';
const CURSOR_KEY_FILE = 'cursor-signing-key';
const PSEUDONYM_KEY_FILE = 'audit-pseudonym-key';

/** The id every local pseudonym names its key by (AWS names it by the secret's version id). */
export const LOCAL_PSEUDONYM_KEY_ID = 'local';

/** The name of the folder under the data folder that holds the local server's secrets. */
export const KEYS_FOLDER = 'keys';

/** The folder under the data folder that holds the local server's secrets. */
export const keysDir = (dataDir: string): string => path.join(dataDir, KEYS_FOLDER);

/**
 * Reads a secret file, or creates it with `create()` if absent. An existing file is trusted
 * only after `readTrustedFile`'s checks (owner, mode, no symbolic link). Creation is atomic (a
 * complete temporary file hard-linked into place), so the server and the token CLI starting
 * together both end up with the same key, never a half-written one.
 * @throws UnsafeFileError naming a key file (or folder) that fails the checks.
 */
const readOrCreateSecret = async (file: string, create: () => Promise<string>): Promise<string> => {
  const existing = await readTrustedFile(file);
  if (existing !== undefined) return existing;
  await makePrivateDir(path.dirname(file));
  const temporary = `${file}.${randomUUID()}.tmp`;
  await fs.writeFile(temporary, await create(), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  try {
    await fs.chmod(temporary, PRIVATE_FILE_MODE);
    await fs.link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.unlink(temporary);
  }
  const written = await readTrustedFile(file);
  if (written === undefined) throw new UnsafeFileError(file, 'vanished while it was being created');
  return written;
};

/**
 * The RS256 key pair that signs local development tokens, kept in `{dataDir}/keys` (private key
 * file mode 0600) and created on first use. Its `kid` is the public key's JWK thumbprint.
 */
export const loadOrCreateSigningKeys = async (dataDir: string): Promise<LocalSigningKeys> => {
  const text = await readOrCreateSecret(path.join(keysDir(dataDir), SIGNING_KEY_FILE), async () => {
    const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const jwk = await exportJWK(privateKey);
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
    const kid = await calculateJwkThumbprint(publicJwk);
    return `${JSON.stringify({ ...jwk, kid, alg: 'RS256', use: 'sig' }, null, 2)}\n`;
  });
  const jwk = JSON.parse(text) as JWK & { kid: string };
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
  return {
    kid: jwk.kid,
    privateKey: (await importJWK(jwk, 'RS256')) as KeyLike,
    publicKey: (await importJWK(publicJwk, 'RS256')) as KeyLike,
  };
};

/**
 * The secret that signs listing cursors, kept in `{dataDir}/keys` so that a cursor handed out
 * before a restart still works after it.
 */
export const loadOrCreateCursorSigningKey = async (dataDir: string): Promise<string> =>
  (
    await readOrCreateSecret(path.join(keysDir(dataDir), CURSOR_KEY_FILE), async () =>
      randomBytes(32).toString('base64url'),
    )
  ).trim();

/**
 * The key the local audit file's targets are pseudonymised with (the pseudonym secret's part in
 * AWS), kept in `{dataDir}/keys` so that pseudonyms match across restarts: `pnpm pseudonym <id>
 * --data-dir` computes them with it, offline.
 */
export const loadOrCreatePseudonymKey = async (dataDir: string): Promise<PseudonymKey> => ({
  id: LOCAL_PSEUDONYM_KEY_ID,
  secret: (
    await readOrCreateSecret(path.join(keysDir(dataDir), PSEUDONYM_KEY_FILE), async () =>
      randomBytes(32).toString('base64url'),
    )
  ).trim(),
});
