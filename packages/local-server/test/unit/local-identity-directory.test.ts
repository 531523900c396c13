import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { AccountExistsError, LocalIdentityDirectory } from '../../src/local-identity-directory';

describe('LocalIdentityDirectory (the local user pool)', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'identity-'));
    file = path.join(dir, 'identity-directory.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const ada = { email: 'Ada@Example.org', emailVerified: true, givenName: 'Ada', familyName: 'Lovelace' };

  it('keeps a signed-up account across restarts, in a file only its owner may read', async () => {
    const account = await (await LocalIdentityDirectory.open(file)).signUp({ ...ada, sub: 'sub-ada' });
    const reopened = await LocalIdentityDirectory.open(file);
    expect(await reopened.hasAccount('sub-ada')).toBe(true);
    expect(reopened.account('sub-ada')).toEqual(account);
    expect(account.email).toBe('ada@example.org');
    expect((await stat(file)).mode & 0o077).toBe(0);
  });

  it('makes a sub when none is given, and refuses a taken sub or email', async () => {
    const directory = await LocalIdentityDirectory.open(file);
    const { sub } = await directory.signUp(ada);
    expect(sub).toMatch(/^[0-9a-f-]{36}$/);
    await expect(directory.signUp({ ...ada, email: 'other@example.org', sub })).rejects.toEqual(
      new AccountExistsError('sub'),
    );
    await expect(directory.signUp({ ...ada, email: 'ADA@example.org' })).rejects.toEqual(
      new AccountExistsError('email'),
    );
  });

  it('deletes an account down to its sub, revokes the tokens issued before, and is idempotent', async () => {
    const directory = await LocalIdentityDirectory.open(file);
    await directory.signUp({ ...ada, sub: 'sub-ada' });
    const before = new Date(Date.now() - 1_000);
    await directory.deleteAccount('sub-ada');
    await directory.deleteAccount('sub-ada');

    const reopened = await LocalIdentityDirectory.open(file);
    expect(await reopened.hasAccount('sub-ada')).toBe(false);
    expect(reopened.isRevoked('sub-ada', before)).toBe(true);
    expect(reopened.isRevoked('sub-ada', new Date(Date.now() + 60_000))).toBe(false);
    expect(reopened.isRevoked('never-signed-up', before)).toBe(false);
    const text = await readFile(file, 'utf8');
    expect(text).not.toMatch(/ada@example\.org|Lovelace|Ada/);
  });

  it('works in memory without a file', async () => {
    const directory = await LocalIdentityDirectory.open();
    await directory.signUp({ ...ada, sub: 'sub-ada' });
    expect(await directory.hasAccount('sub-ada')).toBe(true);
  });
});
