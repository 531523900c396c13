import { runInNewContext } from 'node:vm';

import { StoreUnavailableError } from '@userprofile/domain';

import { toStoreFault } from '../../src/dynamodb/error-translation';
import { inThisRealm } from '../../src/sdk/same-realm-errors';

/** A network error as Node's core throws it into a test sandbox: from another realm. */
const foreignNetworkError = (): Error =>
  runInNewContext(`Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' })`) as Error;

describe('inThisRealm', () => {
  it('re-creates an error from another realm as an Error of this one, keeping its name, code and stack', () => {
    // Prepare
    const foreign = foreignNetworkError();
    expect(foreign).not.toBeInstanceOf(Error);

    // Act
    const local = inThisRealm(foreign) as Error & { code?: string; syscall?: string };

    // Assess
    expect(local).toBeInstanceOf(Error);
    expect(local).toMatchObject({ name: 'Error', code: 'ECONNRESET', syscall: 'read', stack: foreign.stack });
    expect(toStoreFault(local)).toBeInstanceOf(StoreUnavailableError);
  });

  it('passes through errors of this realm and values that are not errors, untouched', () => {
    const local = new Error('x');
    expect(inThisRealm(local)).toBe(local);
    expect(inThisRealm('boom')).toBe('boom');
    const plain = { code: 'ECONNRESET' };
    expect(inThisRealm(plain)).toBe(plain);
  });
});
